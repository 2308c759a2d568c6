package dev.mfa4j.api.spi;

import dev.mfa4j.api.Credential;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.VerificationContext;
import java.util.Objects;

/**
 * One verification, as mfa-core hands it to a provider's verifier: who, as whom at the provider,
 * with what credential, in what context.
 *
 * @param principal the principal logging in, as its assignment names it
 * @param providerUserId the principal's identity at the provider, from the host's assignment
 *     (never from user input)
 * @param credential the passcode or keyword, already parsed and known to the provider
 * @param context client IP, application, request id and progress listener
 * @since 0.1.0
 */
public record VerificationRequest(PrincipalId principal, String providerUserId, Credential credential,
        VerificationContext context) {

    /** @throws NullPointerException if a component is null */
    public VerificationRequest {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(providerUserId, "providerUserId");
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(context, "context");
    }
}
