package dev.mfa4j.api.spi;

import dev.mfa4j.api.Credential;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.VerificationContext;
import java.util.Objects;
import java.util.Optional;

/**
 * One verification, as mfa-core hands it to a provider's verifier: who, as whom at the provider,
 * with what credential, in what context.
 *
 * @param principal the principal logging in, as its assignment names it
 * @param providerUserId the principal's identity at the provider, from the host's assignment
 *     (never from user input)
 * @param credential the passcode or keyword, already parsed and known to the provider
 * @param context client IP, application, request id and progress listener
 * @param enrollment for a provider that enrolls principals itself ({@link MfaProvider#enrollment()}),
 *     what it keeps for this one, secrets opened; always present for such a provider (mfa-core
 *     answers {@code ENROLLMENT_REQUIRED} itself for a principal not enrolled); empty for others
 * @since 0.1.0
 */
public record VerificationRequest(PrincipalId principal, String providerUserId, Credential credential,
        VerificationContext context, Optional<EnrollmentData> enrollment) {

    /**
     * @param enrollment for a provider that enrolls principals itself ({@link MfaProvider#enrollment()}),
     *         what it keeps for this one, secrets opened; always present for such a provider (mfa-core
     *         answers {@code ENROLLMENT_REQUIRED} itself for a principal not enrolled); empty for others
     * @param principal the principal logging in, as its assignment names it
     * @param providerUserId the principal's identity at the provider, from the host's assignment
     *         (never from user input)
     * @param credential the passcode or keyword, already parsed and known to the provider
     * @param context client IP, application, request id and progress listener
     * @throws NullPointerException if a component is null
     */
    public VerificationRequest {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(providerUserId, "providerUserId");
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(enrollment, "enrollment");
    }

    /**
     * A request for a provider that does not enroll principals itself.
     *
     * @param principal the principal logging in
     * @param providerUserId its identity at the provider
     * @param credential the passcode or keyword
     * @param context client IP, application, request id and progress listener
     * @throws NullPointerException if an argument is null
     */
    public VerificationRequest(PrincipalId principal, String providerUserId, Credential credential, VerificationContext context) {
        this(principal, providerUserId, credential, context, Optional.empty());
    }
}
