package dev.mfa4j.duo.endtoend;

import dev.mfa4j.core.AttemptPolicy;
import dev.mfa4j.core.MfaService;
import dev.mfa4j.api.event.MfaEventListener;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import dev.mfa4j.testkit.duo.DuoSimulator;
import java.time.Duration;

/** Builds a service whose {@code duo} configuration points at a simulator. */
final class DuoAgainstSimulator {

    static final String CONFIGURATION = "Duo";

    private DuoAgainstSimulator() {
    }

    /**
     * @param duo the simulator
     * @param extraOptions more JSON option members, starting with a comma, or ""
     * @return the configuration JSON in the seed's format
     */
    static String configuration(DuoSimulator duo, String extraOptions) {
        return """
                {"Type": "duo", "Name": "%s", "Options": {"Host": "%s", "IntegrationKey": "%s", "SecretKey": "%s",
                 "CaCertificates": "%s", "RequestTimeout": "2s", "PushTimeout": "20s", "RetryBudget": "3s"%s}}
                """.formatted(CONFIGURATION, duo.host(), duo.integration().integrationKey(), duo.integration().secretKey(),
                duo.certificatePem().replace("\n", "\\n"), extraOptions);
    }

    /**
     * @param listener receives audit events
     * @return a service with the duo provider found on the class path and generous push limits
     */
    static MfaService service(MfaEventListener listener) {
        return MfaService.builder()
                .authorizer(ManagementAuthorizer.allowAll())
                .attemptPolicy(AttemptPolicy.builder().maxPushes(100, Duration.ofMinutes(5)).build())
                .eventListener(listener)
                .build();
    }
}
