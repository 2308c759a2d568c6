package dev.mfa4j.examples.springboot;

import static org.springframework.security.config.Customizer.withDefaults;

import dev.mfa4j.api.Caller;
import dev.mfa4j.api.InvalidPrincipalException;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import dev.mfa4j.core.MfaService;
import dev.mfa4j.spring.security.MfaFactor;
import dev.mfa4j.spring.security.MfaStepConfigurer;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authorization.AuthorizationManagerFactories;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Users, the filter chain, and who may manage MFA. bob is a user and an administrator; carol is a
 * user without MFA. Passwords are the demo's, in plain sight: never do this with real users.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(
                User.withUsername("bob").password("{noop}bob-password").roles("USER", "ADMIN").build(),
                User.withUsername("carol").password("{noop}carol-password").roles("USER").build());
    }

    /**
     * Form login, then the MFA step for every principal that has MFA. The admin area also wants
     * the second factor to be recent (15 minutes) for those who have one: Spring Security's own
     * multi-factor rule, whose refusals the step answers.
     */
    @Bean
    SecurityFilterChain filterChain(HttpSecurity http, MfaService mfa) {
        var recentMfa = AuthorizationManagerFactories.multiFactor()
                .requireFactor(factor -> factor.authority(MfaFactor.AUTHORITY).validDuration(Duration.ofMinutes(15)))
                .when(authentication -> hasMfa(mfa, authentication.getName()))
                .build();
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/favicon.ico", "/error").permitAll()
                        .requestMatchers("/admin/**", "/actuator/**").access(recentMfa.hasRole("ADMIN"))
                        .anyRequest().authenticated())
                .formLogin(withDefaults())
                .with(MfaStepConfigurer.mfaStep(), step -> step.applicationName("mfa4j Spring Boot example"));
        return http.build();
    }

    private static boolean hasMfa(MfaService mfa, String userName) {
        try {
            return mfa.requiresMfa(PrincipalId.user("internal", userName));
        } catch (InvalidPrincipalException e) {
            return true;   // fail closed
        }
    }

    /**
     * Who may manage MFA: the application itself (the demo's set-up), and administrators, asked of
     * the user directory on every operation.
     */
    @Bean
    ManagementAuthorizer mfaAuthorizer(UserDetailsService users) {
        return (caller, resourcePath, operation) -> caller.isSystem() || isAdmin(users, caller);
    }

    private static boolean isAdmin(UserDetailsService users, Caller caller) {
        try {
            UserDetails user = users.loadUserByUsername(caller.name());
            return user.getAuthorities().stream().anyMatch(authority -> "ROLE_ADMIN".equals(authority.getAuthority()));
        } catch (UsernameNotFoundException e) {
            return false;
        }
    }
}
