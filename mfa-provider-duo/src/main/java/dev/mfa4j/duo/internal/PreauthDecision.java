package dev.mfa4j.duo.internal;

import dev.mfa4j.api.spi.VerificationOutcome;
import java.util.Objects;
import java.util.Optional;

/** What preauth decided: the verification is over, or go on with a device. */
sealed interface PreauthDecision {

    /** @param outcome the outcome without a challenge: allow, deny, enroll, no device, or an error */
    record Done(VerificationOutcome outcome) implements PreauthDecision {
        public Done {
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /**
     * @param device the chosen device's id
     * @param txid the Verified Push transaction to pass to {@code /auth}, if Duo gave one
     * @param statusMessage preauth's {@code status_msg}, cleaned
     */
    record Proceed(String device, Optional<String> txid, String statusMessage) implements PreauthDecision {
        public Proceed {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(txid, "txid");
            Objects.requireNonNull(statusMessage, "statusMessage");
        }
    }
}
