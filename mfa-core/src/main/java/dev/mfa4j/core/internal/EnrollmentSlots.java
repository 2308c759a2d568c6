package dev.mfa4j.core.internal;

/**
 * The slots mfa-core keeps a principal's enrollments in (see
 * {@link dev.mfa4j.api.spi.StoredEnrollment}): what its provider keeps, per configuration, so that a
 * principal moved to another configuration enrolls again; an enrollment begun and not yet
 * confirmed; and its recovery codes, whatever its provider.
 */
public final class EnrollmentSlots {

    /** The slot of a principal's recovery codes. */
    public static final String RECOVERY_CODES = "recovery-codes";

    private EnrollmentSlots() {
    }

    /**
     * @param configurationName a configuration
     * @return the slot of what its provider keeps for a principal, once confirmed
     */
    public static String active(String configurationName) {
        return "provider/" + configurationName;
    }

    /**
     * @param configurationName a configuration
     * @return the slot of an enrollment begun under it and not yet confirmed
     */
    public static String pending(String configurationName) {
        return "pending/" + configurationName;
    }
}
