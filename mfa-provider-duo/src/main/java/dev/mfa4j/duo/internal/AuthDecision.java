package dev.mfa4j.duo.internal;

import dev.mfa4j.api.spi.VerificationOutcome;
import java.util.Objects;

/** What an {@code /auth} or {@code /auth_status} answer means: done, or still waiting for the user. */
sealed interface AuthDecision {

    /** @param outcome the final outcome */
    record Final(VerificationOutcome outcome) implements AuthDecision {
        public Final {
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /**
     * {@code result: waiting}.
     *
     * @param status Duo's status, such as {@code pushed} or {@code calling}
     * @param statusMessage Duo's {@code status_msg}, cleaned; may hold a Verified Push code
     */
    record Waiting(String status, String statusMessage) implements AuthDecision {
        public Waiting {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(statusMessage, "statusMessage");
        }
    }
}
