package dev.mfa4j.spring.boot;

import dev.mfa4j.api.Caller;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.spi.HealthStatus;
import dev.mfa4j.core.MfaService;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Actuator health over every configuration's health check (for Duo: {@code /ping} and
 * {@code /check}), run at once as the {@link Caller#system() system} caller. DOWN if any
 * configuration is unhealthy or does not answer in time; UP if at least one is healthy and none
 * is unhealthy; UNKNOWN if no provider can tell. Details, per configuration: its state, the
 * provider's message (never a secret) and the latency.
 *
 * @since 0.1.0
 */
public final class MfaHealthIndicator implements HealthIndicator {

    private final MfaService mfa;
    private final Duration timeout;

    /**
     * @param mfa the service
     * @param timeout how long to wait for all the checks together
     */
    public MfaHealthIndicator(MfaService mfa, Duration timeout) {
        this.mfa = Objects.requireNonNull(mfa, "mfa");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public Health health() {
        List<MfaConfiguration> configurations;
        try {
            configurations = mfa.configurations(Caller.system()).list();
        } catch (RuntimeException e) {
            return Health.down().withDetail("error", "the configurations cannot be listed: " + e.getClass().getSimpleName()).build();
        }
        Map<String, CompletableFuture<HealthStatus>> checks = new LinkedHashMap<>();
        for (MfaConfiguration configuration : configurations) {
            try {
                checks.put(configuration.name(), mfa.configurations(Caller.system()).health(configuration.name()));
            } catch (RuntimeException e) {
                checks.put(configuration.name(), CompletableFuture.failedFuture(e));
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> details = new LinkedHashMap<>();
        int healthy = 0;
        int unhealthy = 0;
        for (Map.Entry<String, CompletableFuture<HealthStatus>> check : checks.entrySet()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            try {
                HealthStatus status = check.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                detail.put("state", status.state().name());
                detail.put("message", status.message());
                detail.put("latencyMs", status.latency().toMillis());
                if (status.state() == HealthStatus.State.HEALTHY) {
                    healthy++;
                } else if (status.state() == HealthStatus.State.UNHEALTHY) {
                    unhealthy++;
                }
            } catch (TimeoutException e) {
                detail.put("state", HealthStatus.State.UNHEALTHY.name());
                detail.put("message", "no answer within " + timeout.toMillis() + " ms");
                unhealthy++;
            } catch (ExecutionException | RuntimeException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                detail.put("state", HealthStatus.State.UNHEALTHY.name());
                detail.put("message", "the check failed: " + cause.getClass().getSimpleName());
                unhealthy++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Health.unknown().withDetail("error", "interrupted").build();
            }
            details.put(check.getKey(), detail);
        }
        Health.Builder health = unhealthy > 0 ? Health.down() : healthy > 0 ? Health.up() : Health.unknown();
        return health.withDetail("configurations", details).build();
    }
}
