package dev.mfa4j.api;

import java.time.Duration;
import java.util.Objects;

/**
 * What a long factor, such as a push, is doing while the user answers it, reported to the
 * request's {@link ProgressListener}.
 *
 * @since 0.1.0
 */
public sealed interface VerificationProgress {

    /**
     * The challenge went out: the push was sent, the call placed.
     *
     * @param factor the factor, such as {@code push}
     * @param message the provider's description, such as "Pushed a login request to your phone"
     */
    record ChallengeSent(String factor, String message) implements VerificationProgress {
        /**
         * @param factor the factor, such as {@code push}
         * @param message the provider's description, such as "Pushed a login request to your phone"
         * @throws NullPointerException if a component is null
         */
        public ChallengeSent {
            Objects.requireNonNull(factor, "factor");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * Still waiting for the user's answer.
     *
     * @param elapsed time since the challenge was sent
     * @param message the provider's latest status message
     */
    record Waiting(Duration elapsed, String message) implements VerificationProgress {
        /**
         * @param elapsed time since the challenge was sent
         * @param message the provider's latest status message
         * @throws NullPointerException if a component is null
         */
        public Waiting {
            Objects.requireNonNull(elapsed, "elapsed");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The login page must show this code: the user types it into their device to approve
     * (Duo's Verified Push, number matching). It is not a secret from the user, but it is not
     * logged.
     *
     * @param code the code to display
     */
    record VerificationCode(String code) implements VerificationProgress {
        /**
         * @param code the code to display
         * @throws NullPointerException if the code is null
         */
        public VerificationCode {
            Objects.requireNonNull(code, "code");
        }

        @Override
        public String toString() {
            return "VerificationCode[***]";
        }
    }
}
