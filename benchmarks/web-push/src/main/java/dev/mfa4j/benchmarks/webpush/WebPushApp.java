package dev.mfa4j.benchmarks.webpush;

import static org.springframework.security.config.Customizer.withDefaults;

import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import dev.mfa4j.core.MfaService;
import dev.mfa4j.spring.security.MfaStepConfigurer;
import dev.mfa4j.testkit.duo.DuoSimulator;
import dev.mfa4j.testkit.duo.Integration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application under load: form login, then the mfa4j step, as examples/spring-boot-login has
 * them, with {@code load.users} users (user0, user1... password {@code pw}), each assigned to a Duo
 * configuration that points at the simulator the load program started.
 */
@SpringBootApplication
public class WebPushApp {

    static final String PASSWORD = "pw";

    @Bean
    UserDetailsService users(@Value("${load.users}") int count) {
        List<UserDetails> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            users.add(User.withUsername("user" + i).password("{noop}" + PASSWORD).roles("USER").build());
        }
        // As a plain UserDetailsService, not the manager itself: the manager would also let Spring
        // re-encode every {noop} password with BCrypt at its first login, and the program would
        // measure BCrypt, not the MFA step.
        InMemoryUserDetailsManager manager = new InMemoryUserDetailsManager(users);
        return manager::loadUserByUsername;
    }

    @Bean
    ManagementAuthorizer mfaAuthorizer() {
        return (caller, resourcePath, operation) -> caller.isSystem();
    }

    @Bean
    SecurityFilterChain filterChain(HttpSecurity http) {
        http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .formLogin(withDefaults())
                .with(MfaStepConfigurer.mfaStep(), withDefaults());
        return http.build();
    }

    @Bean
    ApplicationRunner assignEveryone(MfaService mfa, DuoSimulator duo, @Value("${load.users}") int count) {
        return arguments -> {
            Integration integration = duo.integration();
            mfa.configurations().json().create("{\"Type\": \"duo\", \"Name\": \"Load\", \"Options\": {"
                    + "\"Host\": \"" + duo.host() + "\", "
                    + "\"IntegrationKey\": \"" + integration.integrationKey() + "\", "
                    + "\"SecretKey\": \"" + integration.secretKey() + "\", "
                    + "\"CaCertificates\": \"" + duo.certificatePem().replace("\r", "").replace("\n", "\\n") + "\"}}");
            for (int i = 0; i < count; i++) {
                String name = "user" + i;
                mfa.principals().assign(MfaAssignment.of(PrincipalId.user("internal", name)).configuration("Load")
                        .providerUserId(duo.user(name).orElseThrow().userId()));
            }
        };
    }

    @RestController
    static class Home {
        @GetMapping("/")
        String home() {
            return "home";
        }
    }
}
