package dev.mfa4j.api.spi;

import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.PrincipalId;
import java.util.Objects;

/**
 * Who enrolls, as whom at the provider, under which configuration: what mfa-core hands an
 * {@link EnrollmentFlow}.
 *
 * @param principal the principal enrolling, as its assignment names it
 * @param providerUserId its identity at the provider (for TOTP, the account name shown in the app)
 * @param configuration its configuration, secrets opened and mfa-core's common options removed
 * @since 0.1.0
 */
public record EnrollmentRequest(PrincipalId principal, String providerUserId, MfaConfiguration configuration) {

    /**
     * @param principal the principal enrolling, as its assignment names it
     * @param providerUserId its identity at the provider (for TOTP, the account name shown in the app)
     * @param configuration its configuration, secrets opened and mfa-core's common options removed
     * @throws NullPointerException if a component is null
     */
    public EnrollmentRequest {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(providerUserId, "providerUserId");
        Objects.requireNonNull(configuration, "configuration");
    }
}
