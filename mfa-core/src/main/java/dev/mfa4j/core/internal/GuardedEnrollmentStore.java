package dev.mfa4j.core.internal;

import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.StoreException;
import dev.mfa4j.api.spi.EnrollmentStore;
import dev.mfa4j.api.spi.StoredEnrollment;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The host's enrollment store, held to its contract as {@link GuardedStore} holds the
 * configuration store: an unchecked exception of its own becomes a {@link StoreException} with its
 * message withheld, and a null answer is a failure.
 */
public final class GuardedEnrollmentStore implements EnrollmentStore {

    private final EnrollmentStore store;

    /** @param store the host's store */
    public GuardedEnrollmentStore(EnrollmentStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    private <T> T call(String operation, Supplier<T> call) {
        return StoreCalls.guarded("the MFA enrollment store", store, operation, call);
    }

    @Override
    public Optional<StoredEnrollment> find(PrincipalId principal, String slot) {
        return call("find", () -> store.find(principal, slot));
    }

    @Override
    public List<StoredEnrollment> list(PrincipalId principal) {
        return call("list", () -> store.list(principal));
    }

    @Override
    public StoredEnrollment put(StoredEnrollment enrollment, long expectedRevision) {
        return call("put", () -> store.put(enrollment, expectedRevision));
    }

    @Override
    public boolean remove(PrincipalId principal, String slot, long expectedRevision) {
        return call("remove", () -> store.remove(principal, slot, expectedRevision));
    }

    @Override
    public int removeAll(PrincipalId principal) {
        return call("removeAll", () -> store.removeAll(principal));
    }
}
