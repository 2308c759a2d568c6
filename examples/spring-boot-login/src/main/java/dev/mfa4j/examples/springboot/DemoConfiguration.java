package dev.mfa4j.examples.springboot;

import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.core.MfaService;
import dev.mfa4j.testkit.duo.DuoSimulator;
import dev.mfa4j.testkit.duo.DuoUser;
import dev.mfa4j.testkit.duo.Integration;
import dev.mfa4j.testkit.duo.PushBehaviour;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The {@code demo} profile (on unless another profile is chosen): the testkit's Duo simulator
 * runs in this process on loopback, a Duo configuration points at it, and bob is assigned to it.
 * His phone approves a push after a few seconds ({@code demo.push-delay}), typing the Verified Push
 * code the page shows. Nothing leaves the machine.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
class DemoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(DemoConfiguration.class);
    static final String CONFIGURATION = "DemoDuo";
    static final List<String> BOB_PASSCODES = List.of("77552", "90210", "31415", "27182", "16180", "14142", "17320", "22360");

    @Bean(destroyMethod = "close")
    DuoSimulator duoSimulator(@Value("${demo.push-delay:PT4S}") Duration pushDelay) {
        return DuoSimulator.builder()
                .user(DuoUser.builder("bob").smartphone().verifiedPush(true).passcodes(BOB_PASSCODES.toArray(String[]::new)).build())
                .defaultPushBehaviour(PushBehaviour.approveAfter(pushDelay))
                .requestLogCapacity(200)
                .start();
    }

    @Bean
    ApplicationRunner demoSetUp(MfaService mfa, DuoSimulator duo) {
        return (ApplicationArguments arguments) -> {
            mfa.configurations().json().create(configurationJson(duo));
            String bobId = duo.user("bob").orElseThrow().userId();
            mfa.principals().assign(MfaAssignment.of(PrincipalId.user("internal", "bob")).configuration(CONFIGURATION).providerUserId(bobId));
            LOG.info("demo: a simulated Duo runs in this process on https://{}; sign in as bob / bob-password, then type one of the "
                    + "passcodes {} (each works once) or send a push (approved on the simulated phone after a few seconds). "
                    + "carol / carol-password has no MFA.", duo.host(), BOB_PASSCODES);
        };
    }

    private static String configurationJson(DuoSimulator duo) {
        Integration integration = duo.integration();
        return "{\"Type\": \"duo\", \"Name\": \"" + CONFIGURATION + "\", \"Options\": {"
                + "\"Host\": \"" + duo.host() + "\", "
                + "\"IntegrationKey\": \"" + integration.integrationKey() + "\", "
                + "\"SecretKey\": \"" + integration.secretKey() + "\", "
                + "\"VerifiedPush\": \"on\", "
                // The simulator's self-signed certificate replaces Duo's roots: trust exactly it.
                + "\"CaCertificates\": \"" + duo.certificatePem().replace("\r", "").replace("\n", "\\n") + "\"}}";
    }
}
