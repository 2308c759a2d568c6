package dev.mfa4j.duo.endtoend;

import dev.mfa4j.api.event.MfaEventListener;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import dev.mfa4j.core.AttemptPolicy;
import dev.mfa4j.core.MfaService;
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
     * @return the configuration JSON in the seed's format, with the default 10 s request timeout:
     *     a verifier's first call pays for a TLS handshake, which a busy machine can take more
     *     than a second over when the JVM has done none yet
     */
    static String configuration(DuoSimulator duo, String extraOptions) {
        return configuration(duo, "10s", extraOptions);
    }

    /**
     * @param duo the simulator
     * @param requestTimeout the RequestTimeout option
     * @param extraOptions more JSON option members, starting with a comma, or ""
     * @return the configuration JSON in the seed's format
     */
    static String configuration(DuoSimulator duo, String requestTimeout, String extraOptions) {
        return """
                {"Type": "duo", "Name": "%s", "Options": {"Host": "%s", "IntegrationKey": "%s", "SecretKey": "%s",
                 "CaCertificates": "%s", "RequestTimeout": "%s", "PushTimeout": "20s", "RetryBudget": "3s"%s}}
                """.formatted(CONFIGURATION, duo.host(), duo.integration().integrationKey(), duo.integration().secretKey(),
                duo.certificatePem().replace("\n", "\\n"), requestTimeout, extraOptions);
    }

    /**
     * @param listener receives audit events
     * @return a service with the duo provider found on the class path and generous push limits
     */
    static MfaService service(MfaEventListener listener) {
        return MfaService.builder(ManagementAuthorizer.allowAll())
                .attemptPolicy(AttemptPolicy.builder().maxPushes(100, Duration.ofMinutes(5)).build())
                .eventListener(listener)
                .build();
    }
}
