package dev.mfa4j.api.spi;

import dev.mfa4j.api.Reason;
import java.net.URI;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a provider's verifier answers. mfa-core turns it into the host's
 * {@link dev.mfa4j.api.VerificationResult}, after applying policy such as the fail mode.
 *
 * <p>Each kind accepts only the reasons that fit it, so a provider cannot, for example, approve
 * with a reason that means "denied".
 *
 * @since 0.1.0
 */
public sealed interface VerificationOutcome {

    /** @return why */
    Reason reason();

    /** @return a short description for logs; never a secret or passcode */
    String message();

    /**
     * @param message a short description for logs
     * @return the factor was verified ({@link Reason#APPROVED})
     */
    static VerificationOutcome approved(String message) {
        return new Approved(Reason.APPROVED, message);
    }

    /**
     * @param message a short description for logs
     * @return the provider let the user in without a challenge ({@link Reason#PROVIDER_BYPASS})
     */
    static VerificationOutcome bypassed(String message) {
        return new Approved(Reason.PROVIDER_BYPASS, message);
    }

    /**
     * @param reason why; one of {@link Rejected#REASONS}
     * @param message a short description for logs
     * @return the provider refused the login
     */
    static VerificationOutcome rejected(Reason reason, String message) {
        return new Rejected(reason, message, Optional.empty());
    }

    /**
     * @param message a short description for logs
     * @param cause the failure, or null
     * @return the provider could not be reached or understood ({@link Reason#PROVIDER_UNAVAILABLE})
     */
    static VerificationOutcome unavailable(String message, Throwable cause) {
        return new Unavailable(Reason.PROVIDER_UNAVAILABLE, message, Optional.ofNullable(cause));
    }

    /**
     * @param message a short description for logs
     * @param cause the failure, or null
     * @return the provider refused the request itself: bad keys, forbidden, a bug
     *     ({@link Reason#PROVIDER_ERROR})
     */
    static VerificationOutcome error(String message, Throwable cause) {
        return new Unavailable(Reason.PROVIDER_ERROR, message, Optional.ofNullable(cause));
    }

    /**
     * The login may proceed.
     *
     * @param reason {@link Reason#APPROVED} or {@link Reason#PROVIDER_BYPASS}
     * @param message a short description for logs
     */
    record Approved(Reason reason, String message) implements VerificationOutcome {
        /** The reasons an approval may carry. */
        public static final Set<Reason> REASONS = Set.copyOf(EnumSet.of(Reason.APPROVED, Reason.PROVIDER_BYPASS));

        /**
         * @throws NullPointerException if a component is null
         * @throws IllegalArgumentException if the reason is not one of {@link #REASONS}
         */
        public Approved {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
            if (!REASONS.contains(reason)) {
                throw new IllegalArgumentException("an approval's reason must be one of " + REASONS + ", not " + reason);
            }
        }
    }

    /**
     * The provider answered, and the answer is no.
     *
     * @param reason one of {@link #REASONS}
     * @param message a short description for logs
     * @param enrollmentUrl for {@link Reason#ENROLLMENT_REQUIRED}, where the user can enroll
     */
    record Rejected(Reason reason, String message, Optional<URI> enrollmentUrl) implements VerificationOutcome {
        /** The reasons a rejection may carry. */
        public static final Set<Reason> REASONS = Set.copyOf(EnumSet.of(Reason.ENROLLMENT_REQUIRED, Reason.INVALID_PASSCODE,
                Reason.DENIED, Reason.FRAUD_REPORTED, Reason.TIMED_OUT, Reason.LOCKED_OUT, Reason.PASSCODES_SENT,
                Reason.NO_CAPABLE_DEVICE, Reason.PUSH_FAILED));

        /**
         * @throws NullPointerException if a component is null
         * @throws IllegalArgumentException if the reason is not one of {@link #REASONS}
         */
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(enrollmentUrl, "enrollmentUrl");
            if (!REASONS.contains(reason)) {
                throw new IllegalArgumentException("a rejection's reason must be one of " + REASONS + ", not " + reason);
            }
        }
    }

    /**
     * The provider gave no usable answer.
     *
     * @param reason {@link Reason#PROVIDER_UNAVAILABLE} (could not reach or understand the
     *     provider: the only case a fail-open configuration lets through),
     *     {@link Reason#PROVIDER_ERROR} or {@link Reason#CONFIGURATION_ERROR}
     * @param message a short description for logs
     * @param cause the failure, if there was one
     */
    record Unavailable(Reason reason, String message, Optional<Throwable> cause) implements VerificationOutcome {
        /** The reasons an unavailable outcome may carry. */
        public static final Set<Reason> REASONS = Set.copyOf(EnumSet.of(Reason.PROVIDER_UNAVAILABLE, Reason.PROVIDER_ERROR,
                Reason.CONFIGURATION_ERROR));

        /**
         * @throws NullPointerException if a component is null
         * @throws IllegalArgumentException if the reason is not one of {@link #REASONS}
         */
        public Unavailable {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(cause, "cause");
            if (!REASONS.contains(reason)) {
                throw new IllegalArgumentException("an unavailable outcome's reason must be one of " + REASONS + ", not " + reason);
            }
        }
    }
}
