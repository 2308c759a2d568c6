package dev.mfa4j.api.spi;

import dev.mfa4j.api.PrincipalId;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One principal's enrollment data in one slot, as an {@link EnrollmentStore} keeps it.
 *
 * <p>Slots are chosen by mfa-core and opaque to the store: {@code provider/<configuration>} for what a
 * provider keeps, {@code pending/<configuration>} for an enrollment not yet confirmed,
 * {@code recovery-codes} for the principal's recovery codes.
 *
 * @param principal whose
 * @param slot which of the principal's enrollments: 1 to {@value #MAX_SLOT_LENGTH} printable ASCII characters
 * @param data the values, secret ones sealed when the host seals secrets
 * @param revision 0 for data not yet stored; the store numbers each stored version 1, 2, 3...
 * @param updated when it was last written, from mfa-core's clock
 * @since 0.1.0
 */
public record StoredEnrollment(PrincipalId principal, String slot, EnrollmentData data, long revision, Instant updated) {

    /** The longest slot name. */
    public static final int MAX_SLOT_LENGTH = 200;

    private static final Pattern SLOT = Pattern.compile("[\\x21-\\x7e]{1," + MAX_SLOT_LENGTH + "}");

    /**
     * @param principal whose
     * @param slot which of the principal's enrollments: 1 to {@value #MAX_SLOT_LENGTH} printable ASCII characters
     * @param data the values, secret ones sealed when the host seals secrets
     * @param revision 0 for data not yet stored; the store numbers each stored version 1, 2, 3...
     * @param updated when it was last written, from mfa-core's clock
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the slot breaks the rule above or the revision is negative
     */
    public StoredEnrollment {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(updated, "updated");
        if (!SLOT.matcher(slot).matches()) {
            throw new IllegalArgumentException("a slot is 1 to " + MAX_SLOT_LENGTH + " printable ASCII characters without spaces");
        }
        if (revision < 0) {
            throw new IllegalArgumentException("revision must not be negative");
        }
    }

    /**
     * @param newRevision the revision to carry
     * @return a copy with another revision
     */
    public StoredEnrollment withRevision(long newRevision) {
        return new StoredEnrollment(principal, slot, data, newRevision, updated);
    }
}
