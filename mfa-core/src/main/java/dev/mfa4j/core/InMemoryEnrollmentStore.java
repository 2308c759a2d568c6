package dev.mfa4j.core;

import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.RevisionConflictException;
import dev.mfa4j.api.spi.EnrollmentStore;
import dev.mfa4j.api.spi.StoredEnrollment;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps principals' enrollments in memory: the default store, and a reference implementation of
 * {@link EnrollmentStore}. Everything is lost when the process ends, so a host whose users enroll
 * TOTP or keep recovery codes gives a lasting one (the file or JDBC store).
 *
 * <p>Thread safe: each change is one atomic step on its principal.
 *
 * @since 0.1.0
 */
public final class InMemoryEnrollmentStore implements EnrollmentStore {

    private final ConcurrentHashMap<PrincipalId, Map<String, StoredEnrollment>> byPrincipal = new ConcurrentHashMap<>();

    /** Creates an empty store. */
    public InMemoryEnrollmentStore() {
    }

    @Override
    public Optional<StoredEnrollment> find(PrincipalId principal, String slot) {
        Objects.requireNonNull(slot, "slot");
        Map<String, StoredEnrollment> slots = byPrincipal.get(Objects.requireNonNull(principal, "principal"));
        return slots == null ? Optional.empty() : Optional.ofNullable(slots.get(slot));
    }

    @Override
    public List<StoredEnrollment> list(PrincipalId principal) {
        Map<String, StoredEnrollment> slots = byPrincipal.get(Objects.requireNonNull(principal, "principal"));
        return slots == null ? List.of() : slots.values().stream().sorted(Comparator.comparing(StoredEnrollment::slot)).toList();
    }

    @Override
    public StoredEnrollment put(StoredEnrollment enrollment, long expectedRevision) {
        Objects.requireNonNull(enrollment, "enrollment");
        StoredEnrollment[] stored = new StoredEnrollment[1];
        byPrincipal.compute(enrollment.principal(), (principal, slots) -> {
            Map<String, StoredEnrollment> next = slots == null ? new ConcurrentHashMap<>() : slots;
            StoredEnrollment current = next.get(enrollment.slot());
            long actual = current == null ? 0 : current.revision();
            if (actual != expectedRevision) {
                throw new RevisionConflictException("MFA enrollment of " + principal + " in slot", enrollment.slot(), expectedRevision,
                        actual);
            }
            stored[0] = enrollment.withRevision(expectedRevision + 1);
            next.put(enrollment.slot(), stored[0]);
            return next;
        });
        return stored[0];
    }

    @Override
    public boolean remove(PrincipalId principal, String slot, long expectedRevision) {
        Objects.requireNonNull(slot, "slot");
        boolean[] removed = new boolean[1];
        byPrincipal.computeIfPresent(Objects.requireNonNull(principal, "principal"), (key, slots) -> {
            StoredEnrollment current = slots.get(slot);
            if (current != null && current.revision() == expectedRevision) {
                slots.remove(slot);
                removed[0] = true;
            }
            return slots.isEmpty() ? null : slots;
        });
        return removed[0];
    }

    @Override
    public int removeAll(PrincipalId principal) {
        Map<String, StoredEnrollment> removed = byPrincipal.remove(Objects.requireNonNull(principal, "principal"));
        return removed == null ? 0 : removed.size();
    }
}
