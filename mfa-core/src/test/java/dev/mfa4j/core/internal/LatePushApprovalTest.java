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
import dev.mfa4j.core.InMemoryEnrollmentStore;
import dev.mfa4j.core.InMemoryMfaConfigurationStore;
import dev.mfa4j.core.RecoveryCodePolicy;
import dev.mfa4j.core.ScriptedProvider;
import dev.mfa4j.core.TestTicker;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine refuses a push answered after its time to live even when the deadline timer has not
 * fired: here the timer sweeps once an hour, so only the engine's own check of the ticker can
 * refuse it. The test moves the ticker; nothing waits.
 */
class LatePushApprovalTest {

    private static final PrincipalId BOB = PrincipalId.parse("principal/internal/user/bob");
    private static final Duration PUSH_TTL = Duration.ofSeconds(60);

    private final TestTicker ticker = new TestTicker();
    private final CompletableFuture<VerificationOutcome> approval = new CompletableFuture<>();
    private VerificationEngine engine;

    @BeforeEach
    void configure() {
        InMemoryMfaConfigurationStore store = new InMemoryMfaConfigurationStore();
        store.createConfiguration(MfaConfiguration.of("Main", "scripted", Map.of("Endpoint", "https://mfa.example.com",
                "Token", "S3cretT0kenValue")));
        store.putAssignment(new MfaAssignment(BOB, "Main", "bob"));
        ScriptedProvider provider = new ScriptedProvider();
        provider.behaveAs(request -> approval);
        AttemptGate gate = new AttemptGate(new InMemoryAttemptStore(), AttemptPolicy.builder().pushTtl(PUSH_TTL).build(),
                Clock.systemUTC());
        SecretSealer sealer = new SecretSealer(Optional.empty());
        GuardedEnrollmentStore enrollments = new GuardedEnrollmentStore(new InMemoryEnrollmentStore());
        engine = new VerificationEngine(new GuardedStore(store), ProviderRegistry.load(List.of(provider), false, null),
                new VerifierCache(sealer, Optional.empty()), gate, EventDispatcher.load(List.of(), false, null),
                Clock.systemUTC(), ticker, null, Duration.ofMinutes(10), new DeadlineTimer(ticker, Duration.ofHours(1).toMillis()),
                enrollments, sealer, new RecoveryCodeChecks(enrollments, sealer, new RecoveryCodeBook(RecoveryCodePolicy.defaults()),
                        Clock.systemUTC()));
    }

    @Test
    void anApprovalAfterThePushTimeToLiveNeverCountsWhateverTheTimer() {
        CompletableFuture<VerificationResult> pending = engine.verify(BOB, "push", VerificationContext.empty());

        ticker.advance(PUSH_TTL);
        approval.complete(VerificationOutcome.approved("approved too late"));

        assertThat(pending).isCompleted();
        VerificationResult result = pending.join();
        assertThat(result.reason()).isEqualTo(Reason.TIMED_OUT);
        assertThat(result.allowed()).isFalse();
    }

    @Test
    void anApprovalJustBeforeTheTimeToLiveCounts() {
        CompletableFuture<VerificationResult> pending = engine.verify(BOB, "push", VerificationContext.empty());

        ticker.advance(PUSH_TTL.minusNanos(1));
        approval.complete(VerificationOutcome.approved("approved in time"));

        assertThat(pending.join().reason()).isEqualTo(Reason.APPROVED);
    }
}
