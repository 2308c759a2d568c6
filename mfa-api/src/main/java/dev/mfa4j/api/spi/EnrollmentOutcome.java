package dev.mfa4j.api.spi;

import java.util.Objects;

/**
 * The second phase of an enrollment: the principal's proof was good, and this is what to keep;
 * or it was not.
 *
 * @since 0.1.0
 */
public sealed interface EnrollmentOutcome {

    /**
     * @param active what mfa-core keeps from now on, and hands the verifier
     * @return a confirmation
     */
    static EnrollmentOutcome confirmed(EnrollmentData active) {
        return new Confirmed(active);
    }

    /**
     * @param message why, for the user: never the proof or a secret
     * @return a refusal; the pending enrollment stays, so the user may try again
     */
    static EnrollmentOutcome refused(String message) {
        return new Refused(message);
    }

    /**
     * The proof was good.
     *
     * @param active what to keep
     */
    record Confirmed(EnrollmentData active) implements EnrollmentOutcome {
        /**
         * @param active what to keep
         * @throws NullPointerException if {@code active} is null
         */
        public Confirmed {
            Objects.requireNonNull(active, "active");
        }
    }

    /**
     * The proof was not good.
     *
     * @param message why, for the user; never the proof or a secret
     */
    record Refused(String message) implements EnrollmentOutcome {
        /**
         * @param message why, for the user; never the proof or a secret
         * @throws NullPointerException if {@code message} is null
         */
        public Refused {
            Objects.requireNonNull(message, "message");
        }
    }
}
