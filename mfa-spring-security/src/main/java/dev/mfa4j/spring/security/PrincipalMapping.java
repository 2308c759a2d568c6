package dev.mfa4j.spring.security;

import dev.mfa4j.api.InvalidPrincipalException;
import dev.mfa4j.api.PrincipalId;
import java.util.Objects;
import org.springframework.security.core.Authentication;

/**
 * Says which mfa4j principal an authenticated Spring Security user is. The default,
 * {@link #userName()}, maps the user name {@code bob} to {@code principal/internal/user/bob};
 * replace it when your users come from another identity provider (LDAP, OAuth2...) or are named
 * by something other than {@link Authentication#getName()}.
 *
 * <p>Called on request threads, concurrently. Throwing {@link InvalidPrincipalException} (or any
 * runtime exception) fails closed: the user is held at the MFA step, which then refuses.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface PrincipalMapping {

    /**
     * @param authentication an authenticated user, never null
     * @return the principal whose MFA assignment applies
     * @throws InvalidPrincipalException if the user cannot be named as a principal
     */
    PrincipalId principalOf(Authentication authentication);

    /** @return the default: {@code principal/internal/user/<user name>} */
    static PrincipalMapping userName() {
        return userName("internal");
    }

    /**
     * @param identityProvider the identity provider segment, such as {@code ldap}
     * @return {@code principal/<identityProvider>/user/<user name>}
     * @throws InvalidPrincipalException if the identity provider is not a valid segment
     */
    static PrincipalMapping userName(String identityProvider) {
        Objects.requireNonNull(identityProvider, "identityProvider");
        PrincipalId.user(identityProvider, "check");
        return authentication -> PrincipalId.user(identityProvider, authentication.getName());
    }
}
