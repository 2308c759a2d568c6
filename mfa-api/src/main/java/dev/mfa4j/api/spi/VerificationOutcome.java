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
     * The provider could not be reached: no answer could be had. Use it only for a connection or
     * DNS failure, a connection closed before an answer, a timeout with no answer, or the
     * provider's own server error (HTTP 5xx). It is the one outcome a configuration with
     * {@code "FailMode": "open"} lets through; anything the provider answered, any TLS failure, and
     * any answer that cannot be understood is {@link #error} instead.
     *
     * @param message a short description for logs
     * @param cause the failure, or null
     * @return the outcome ({@link Reason#PROVIDER_UNAVAILABLE})
     */
    static VerificationOutcome unavailable(String message, Throwable cause) {
        return new NoVerdict(Reason.PROVIDER_UNAVAILABLE, message, Optional.ofNullable(cause));
    }

    /**
     * Too many calls: the provider answered and refused to act because of its rate limit (after any
     * retries the provider makes), or the call was not sent because the provider client's own limit
     * on calls in flight was reached. Nothing was checked, so the attempt is not counted; it fails
     * closed in every fail mode.
     *
     * @param message a short description for logs
     * @return the outcome ({@link Reason#RATE_LIMITED})
     */
    static VerificationOutcome rateLimited(String message) {
        return new NoVerdict(Reason.RATE_LIMITED, message, Optional.empty());
    }

    /**
     * @param message a short description for logs
     * @param cause the failure, or null
     * @return the provider refused the request itself, or its answer could not be trusted or
     *     understood: bad keys, forbidden, a TLS failure, a malformed answer, a bug
     *     ({@link Reason#PROVIDER_ERROR})
     */
    static VerificationOutcome error(String message, Throwable cause) {
        return new NoVerdict(Reason.PROVIDER_ERROR, message, Optional.ofNullable(cause));
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
         * @param reason {@link Reason#APPROVED} or {@link Reason#PROVIDER_BYPASS}
         * @param message a short description for logs
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
         * @param reason one of {@link #REASONS}
         * @param message a short description for logs
         * @param enrollmentUrl for {@link Reason#ENROLLMENT_REQUIRED}, where the user can enroll
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
     * The provider gave no verdict on the user: it could not be reached, it refused to act, or its
     * answer was unusable. mfa-core does not count such an attempt toward the lockout.
     *
     * @param reason one of {@link #REASONS}: {@link Reason#PROVIDER_UNAVAILABLE} (no answer could
     *     be had: the only case a fail-open configuration lets through), {@link Reason#RATE_LIMITED},
     *     {@link Reason#PROVIDER_ERROR} or {@link Reason#CONFIGURATION_ERROR}
     * @param message a short description for logs
     * @param cause the failure, if there was one
     */
    record NoVerdict(Reason reason, String message, Optional<Throwable> cause) implements VerificationOutcome {
        /** The reasons an outcome without a verdict may carry. */
        public static final Set<Reason> REASONS = Set.copyOf(EnumSet.of(Reason.PROVIDER_UNAVAILABLE, Reason.RATE_LIMITED,
                Reason.PROVIDER_ERROR, Reason.CONFIGURATION_ERROR));

        /**
         * @param reason one of {@link #REASONS}: {@link Reason#PROVIDER_UNAVAILABLE} (no answer could
         *         be had: the only case a fail-open configuration lets through), {@link Reason#RATE_LIMITED},
         *         {@link Reason#PROVIDER_ERROR} or {@link Reason#CONFIGURATION_ERROR}
         * @param message a short description for logs
         * @param cause the failure, if there was one
         * @throws NullPointerException if a component is null
         * @throws IllegalArgumentException if the reason is not one of {@link #REASONS}
         */
        public NoVerdict {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(cause, "cause");
            if (!REASONS.contains(reason)) {
                throw new IllegalArgumentException("an outcome without a verdict must have one of " + REASONS + ", not " + reason);
            }
        }
    }
}
