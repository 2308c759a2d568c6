package dev.mfa4j.spring.security;

import java.time.Instant;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * The factor a verified mfa4j step adds to the {@link Authentication}: one
 * {@link FactorGrantedAuthority} named {@value #AUTHORITY}, whatever was used (a passcode, a push,
 * a call), issued at the time of the verification. Require it with Spring Security's own rules:
 *
 * <pre>{@code
 * var recentMfa = AuthorizationManagerFactories.multiFactor()
 *         .requireFactor(f -> f.authority(MfaFactor.AUTHORITY).validDuration(Duration.ofMinutes(10)))
 *         .build();
 * http.authorizeHttpRequests(a -> a.requestMatchers("/admin/**").access(recentMfa.hasRole("ADMIN")));
 * }</pre>
 *
 * <p>One authority for every mfa4j factor, not one per factor: the provider and its policy decide
 * which factors a user may use, and an application that requires "MFA" rarely cares which.
 *
 * @since 0.1.0
 */
public final class MfaFactor {

    /** The authority of a verified mfa4j factor. */
    public static final String AUTHORITY = "FACTOR_MFA4J";

    private MfaFactor() {
    }

    /**
     * @param authentication an authentication, or null
     * @return when its mfa4j factor was verified, if it has one
     */
    public static Optional<Instant> verifiedAt(Authentication authentication) {
        if (authentication == null) {
            return Optional.empty();
        }
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            if (AUTHORITY.equals(authority.getAuthority())) {
                return Optional.of(authority instanceof FactorGrantedAuthority factor ? factor.getIssuedAt() : Instant.MIN);
            }
        }
        return Optional.empty();
    }
}
