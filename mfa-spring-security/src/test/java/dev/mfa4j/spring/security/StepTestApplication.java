package dev.mfa4j.spring.security;

import static org.springframework.security.config.Customizer.withDefaults;

import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import dev.mfa4j.core.AttemptPolicy;
import dev.mfa4j.core.MfaService;
import dev.mfa4j.testkit.FakeMfaProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authorization.AuthorizationManagerFactories;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A small application with form login and the step: bob has MFA, alice has none, "eve smith" cannot be mapped. */
@SpringBootApplication
class StepTestApplication {

    static final String PASSCODE = "77552";
    static final PrincipalId BOB = PrincipalId.parse("principal/internal/user/bob");

    /** The clock the step issues factors with; tests move it to make a factor old. */
    static final class MovableClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        void set(Duration offset) {
            this.offset = offset;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }

    @Bean
    MovableClock stepClock() {
        return new MovableClock();
    }

    @Bean
    FakeMfaProvider fake() {
        return new FakeMfaProvider();
    }

    @Bean
    AttemptTracker attemptTracker() {
        return new AttemptTracker(AttemptPolicy.defaults(), Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    MfaService mfaService(FakeMfaProvider fake, AttemptTracker tracker) {
        MfaService mfa = MfaService.builder(ManagementAuthorizer.allowAll()).provider(fake).eventListener(tracker).build();
        mfa.configurations().json().create("{\"Type\": \"fake\", \"Name\": \"Demo\", \"Options\": {\"Passcode\": \"" + PASSCODE + "\"}}");
        mfa.principals().assign(MfaAssignment.of(BOB).configuration("Demo").providerUserId("bob@fake"));
        mfa.principals().assign(MfaAssignment.of(PrincipalId.parse("principal/internal/user/carol")).configuration("Demo")
                .providerUserId("carol@fake"));
        return mfa;
    }

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(
                User.withUsername("bob").password("{noop}bob-password").roles("USER").build(),
                User.withUsername("carol").password("{noop}carol-password").roles("USER").build(),
                User.withUsername("alice").password("{noop}alice-password").roles("USER").build(),
                User.withUsername("eve smith").password("{noop}eve-password").roles("USER").build());
    }

    @Bean
    SecurityFilterChain chain(HttpSecurity http, MovableClock stepClock) {
        var recentMfa = AuthorizationManagerFactories.multiFactor()
                .requireFactor(factor -> factor.authority(MfaFactor.AUTHORITY).validDuration(Duration.ofMinutes(5)))
                .build();
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/public").permitAll()
                        .requestMatchers("/admin/**").access(recentMfa.authenticated())
                        .anyRequest().authenticated())
                .formLogin(withDefaults())
                .with(MfaStepConfigurer.mfaStep(), step -> step.clock(stepClock));
        return http.build();
    }

    @RestController
    static class Pages {
        @GetMapping("/")
        String home() {
            return "home";
        }

        @GetMapping("/public")
        String open() {
            return "public";
        }

        @GetMapping("/admin/panel")
        String admin() {
            return "admin";
        }

        @GetMapping("/account")
        String account() {
            return "account";
        }

        @PostMapping("/transfer")
        String transfer() {
            return "transferred";
        }
    }
}
