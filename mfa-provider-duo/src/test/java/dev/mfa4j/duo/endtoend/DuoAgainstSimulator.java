package dev.mfa4j.duo.endtoend;

import dev.mfa4j.api.event.MfaEventListener;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import dev.mfa4j.core.AttemptPolicy;
import dev.mfa4j.core.MfaService;
import dev.mfa4j.duo.DuoProvider;
import dev.mfa4j.testkit.ManualTicker;
import dev.mfa4j.testkit.duo.DuoSimulator;
import java.time.Clock;
import java.time.Duration;

/** Builds a service whose {@code duo} configuration points at a simulator. */
final class DuoAgainstSimulator {

    static final String CONFIGURATION = "Duo";

    /**
     * The least time between two {@code auth_status} calls of the provider: after Duo answers the
     * first "waiting" at once, the provider asks again only when its ticker has moved this far.
     */
    static final Duration POLL_PAUSE = Duration.ofSeconds(1);

    /** The RequestTimeout of {@link #configuration}. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private DuoAgainstSimulator() {
    }

    /**
     * @param duo the simulator
     * @param extraOptions more JSON option members, starting with a comma, or ""
     * @return the configuration JSON, with a 10 s request timeout, 20 s pushes and a 3 s retry
     *     budget; time limits pass only when the test advances the service's ticker
     */
    static String configuration(DuoSimulator duo, String extraOptions) {
        return """
                {"Type": "duo", "Name": "%s", "Options": {"Host": "%s", "IntegrationKey": "%s", "SecretKey": "%s",
                 "CaCertificates": "%s", "RequestTimeout": "10s", "PushTimeout": "20s", "RetryBudget": "3s"%s}}
                """.formatted(CONFIGURATION, duo.host(), duo.integration().integrationKey(), duo.integration().secretKey(),
                duo.certificatePem().replace("\n", "\\n"), extraOptions);
    }

    /**
     * A service whose every time limit and wait passes on {@code ticker}: mfa-core's deadlines
     * and the duo provider's (registered here, so it replaces the one found on the class path).
     * Give the simulator the same ticker and one test moves the time of all three.
     *
     * @param listener receives audit events
     * @param ticker the time of the service and the provider
     * @return a service with generous push limits
     */
    static MfaService service(MfaEventListener listener, ManualTicker ticker) {
        return MfaService.builder(ManagementAuthorizer.allowAll())
                .ticker(ticker)
                .provider(new DuoProvider(ticker, Clock.systemUTC()))
                .attemptPolicy(AttemptPolicy.builder().maxPushes(100, Duration.ofMinutes(5)).build())
                .eventListener(listener)
                .build();
    }
}
