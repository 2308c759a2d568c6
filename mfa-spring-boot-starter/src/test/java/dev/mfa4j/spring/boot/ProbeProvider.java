package dev.mfa4j.spring.boot;

import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.spi.HealthStatus;
import dev.mfa4j.api.spi.MfaProvider;
import dev.mfa4j.api.spi.MfaVerifier;
import dev.mfa4j.api.spi.OptionSpec;
import dev.mfa4j.api.spi.VerificationOutcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Type {@code probe}: its health is the {@code State} option, and it approves everything. A bean in these tests, not a service. */
final class ProbeProvider implements MfaProvider {

    @Override
    public int spiVersion() {
        return 1;
    }

    @Override
    public String type() {
        return "probe";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.builder("State").defaultValue("HEALTHY").description("the health to report (default HEALTHY)").build(),
                OptionSpec.builder("Token").secret().description("a secret, for the sealing tests").build());
    }

    @Override
    public MfaVerifier open(MfaConfiguration configuration) {
        HealthStatus.State state = HealthStatus.State.valueOf(configuration.options().getOrDefault("State", "HEALTHY"));
        return new MfaVerifier() {
            @Override
            public CompletableFuture<VerificationOutcome> verify(dev.mfa4j.api.spi.VerificationRequest request) {
                return CompletableFuture.completedFuture(VerificationOutcome.approved("probe"));
            }

            @Override
            public CompletableFuture<HealthStatus> health() {
                return CompletableFuture.completedFuture(new HealthStatus(state, "probe says " + state, Duration.ofMillis(3)));
            }
        };
    }
}
