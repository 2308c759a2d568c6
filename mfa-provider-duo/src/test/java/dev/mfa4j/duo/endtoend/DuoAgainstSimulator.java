package dev.mfa4j.duo.endtoend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mfa4j.api.event.MfaEventListener;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import dev.mfa4j.core.AttemptPolicy;
import dev.mfa4j.core.MfaService;
import dev.mfa4j.duo.DuoProvider;
import dev.mfa4j.testkit.ManualTicker;
import dev.mfa4j.testkit.duo.DuoSimulator;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

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
     * @param options more options, or other values for these, as name, value, name, value...; a
     *     null value leaves the option out
     * @return the JSON of configuration {@value #CONFIGURATION}: the simulator's host, keys and
     *     certificate, a 10 s request timeout, 20 s pushes and a 3 s retry budget; time limits pass
     *     only when the test advances the service's ticker
     */
    static String configuration(DuoSimulator duo, String... options) {
        return configuration(CONFIGURATION, duo, options);
    }

    /** @return as {@link #configuration(DuoSimulator, String...)}, named {@code name} */
    static String configuration(String name, DuoSimulator duo, String... options) {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("Type", "duo");
        configuration.put("Name", name);
        configuration.put("Options", options(duo, options));
        return json(configuration);
    }

    /**
     * @return the JSON of an update to the configuration: {@code {"Options": {...}}} with the
     *     options of {@link #configuration(DuoSimulator, String...)}
     */
    static String update(DuoSimulator duo, String... options) {
        return json(Map.of("Options", options(duo, options)));
    }

    private static Map<String, String> options(DuoSimulator duo, String... more) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("Host", duo.host());
        options.put("IntegrationKey", duo.integration().integrationKey());
        options.put("SecretKey", duo.integration().secretKey());
        options.put("CaCertificates", duo.certificatePem());
        options.put("RequestTimeout", "10s");
        options.put("PushTimeout", "20s");
        options.put("RetryBudget", "3s");
        for (int i = 0; i < more.length; i += 2) {
            if (more[i + 1] == null) {
                options.remove(more[i]);
            } else {
                options.put(more[i], more[i + 1]);
            }
        }
        return options;
    }

    private static String json(Map<String, ?> document) {
        try {
            return new ObjectMapper().writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
