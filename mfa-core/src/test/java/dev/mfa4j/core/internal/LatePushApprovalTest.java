package dev.mfa4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.VerificationContext;
import dev.mfa4j.api.VerificationResult;
import dev.mfa4j.api.spi.VerificationOutcome;
import dev.mfa4j.core.AttemptPolicy;
import dev.mfa4j.core.InMemoryAttemptStore;
import dev.mfa4j.core.InMemoryMfaConfigurationStore;
import dev.mfa4j.core.ScriptedProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The engine refuses a push answered after its time to live even when the shared deadline timer
 * has not fired yet: here its tick is a minute, so only the engine's own check can refuse it.
 */
class LatePushApprovalTest {

    @Test
    void anApprovalAfterThePushTimeToLiveNeverCountsWhateverTheTimer() throws Exception {
        PrincipalId bob = PrincipalId.parse("principal/internal/user/bob");
        InMemoryMfaConfigurationStore store = new InMemoryMfaConfigurationStore();
        store.createConfiguration(MfaConfiguration.of("Main", "scripted", Map.of("Endpoint", "https://mfa.example.com",
                "Token", "S3cretT0kenValue")));
        store.putAssignment(new MfaAssignment(bob, "Main", "bob"));
        ScriptedProvider provider = new ScriptedProvider();
        CompletableFuture<VerificationOutcome> approval = new CompletableFuture<>();
        provider.behaveAs(request -> approval);
        AttemptGate gate = new AttemptGate(new InMemoryAttemptStore(), AttemptPolicy.builder().pushTtl(Duration.ofSeconds(1)).build(),
                Clock.systemUTC());
        VerificationEngine engine = new VerificationEngine(new GuardedStore(store), ProviderRegistry.load(List.of(provider), false, null),
                new VerifierCache(new SecretSealer(java.util.Optional.empty())), gate, EventDispatcher.load(List.of(), false, null),
                Clock.systemUTC(), null, Duration.ofMinutes(10), new DeadlineTimer(60_000));

        CompletableFuture<VerificationResult> pending = engine.verify(bob, "push", VerificationContext.empty());
        // The provider approves 1.2 s after verify returned, so at least 200 ms after the push's
        // time to live, counted from when the engine called the provider (before it returned).
        approval.completeOnTimeout(VerificationOutcome.approved("approved too late"), 1200, TimeUnit.MILLISECONDS);
        VerificationResult result = pending.get(10, TimeUnit.SECONDS);

        assertThat(result.reason()).isEqualTo(Reason.TIMED_OUT);
        assertThat(result.allowed()).isFalse();
    }
}
