package dev.mfa4j.api.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether a configuration's provider is reachable and accepts the configured credentials (for
 * Duo: {@code /ping} and {@code /check}).
 *
 * @param state healthy, unhealthy, or unknown (the provider cannot tell)
 * @param message what was checked and found; never a secret
 * @param latency how long the check took
 * @since 0.1.0
 */
public record HealthStatus(State state, String message, Duration latency) {

    /** The overall state. */
    public enum State {
        /** Reachable, and the configuration's credentials are accepted. */
        HEALTHY,
        /** Unreachable, or the credentials are refused. */
        UNHEALTHY,
        /** The provider has no way to check. */
        UNKNOWN
    }

    /**
     * @param state healthy, unhealthy, or unknown (the provider cannot tell)
     * @param message what was checked and found; never a secret
     * @param latency how long the check took
     * @throws NullPointerException if a component is null
     */
    public HealthStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(latency, "latency");
    }

    /** @return whether the state is {@link State#HEALTHY} */
    public boolean healthy() {
        return state == State.HEALTHY;
    }
}
