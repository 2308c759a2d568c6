package dev.mfa4j.core;

import static dev.mfa4j.core.Fixtures.BOB;
import static dev.mfa4j.core.Fixtures.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.Credential;
import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.VerificationResult;
import dev.mfa4j.api.event.MfaEvent;
import dev.mfa4j.api.event.VerificationEvent;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import dev.mfa4j.api.spi.MfaVerifier;
import dev.mfa4j.api.spi.VerificationOutcome;
import dev.mfa4j.api.spi.VerificationRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code "FailMode": "open"} lets a login through only when no answer could be had from the
 * provider: never for a rate limit, never because mfa4j itself closed the verifier (a changed
 * configuration, a closing service), never for a cancelled answer. Each case runs in both fail
 * modes.
 */
class FailOpenOnlyOnOutageTest {

    private final ClosableProvider provider = new ClosableProvider();
    private final List<MfaEvent> events = new CopyOnWriteArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T09:00:00Z"));
    private final TestTicker ticker = new TestTicker();
    private final ExecutorService threads = Executors.newFixedThreadPool(9);
    private AttemptStoreHook attempts;
    private MfaService mfa;

    /**
     * A provider whose verifiers answer as a closed Duo verifier did before this was fixed: once
     * closed, "unavailable". So any verification that reaches a closed verifier shows.
     */
    static final class ClosableProvider extends ScriptedProvider {
        final AtomicInteger closedVerifiers = new AtomicInteger();

        @Override
        public MfaVerifier open(MfaConfiguration configuration) {
            MfaVerifier scripted = super.open(configuration);
            AtomicBoolean closed = new AtomicBoolean();
            return new MfaVerifier() {
                @Override
                public CompletableFuture<VerificationOutcome> verify(VerificationRequest request) {
                    if (closed.get()) {
                        return CompletableFuture.completedFuture(VerificationOutcome.unavailable("this verifier was closed", null));
                    }
                    return scripted.verify(request);
                }

                @Override
                public void close() {
                    closed.set(true);
                    closedVerifiers.incrementAndGet();
                    scripted.close();
                }
            };
        }
    }

    /** Runs a hook inside {@code admit}: after the engine chose its verifier, before it calls it. */
    static final class AttemptStoreHook extends InMemoryAttemptStoreDelegate {
        volatile Runnable onAdmit = () -> { };
        final AtomicInteger refunds = new AtomicInteger();

        @Override
        public Admission admit(String key, Instant now, int maxFailures, Duration coolDown) {
            onAdmit.run();
            return super.admit(key, now, maxFailures, coolDown);
        }

        @Override
        public void refund(String key) {
            refunds.incrementAndGet();
            super.refund(key);
        }
    }

    private void configure(String failMode) {
        configure(failMode, AttemptPolicy.defaults());
    }

    private void configure(String failMode, AttemptPolicy policy) {
        attempts = new AttemptStoreHook();
        mfa = MfaService.builder(ManagementAuthorizer.allowAll()).discoverProviders(false).provider(provider).clock(clock)
                .ticker(ticker).attemptStore(attempts).attemptPolicy(policy).eventListener(events::add).build();
        mfa.configurations().json().create("""
                {"Type": "scripted", "Name": "Main", "Options": {"Endpoint": "https://mfa.example.com", "Token": "%s", "FailMode": "%s"}}
                """.formatted(TOKEN, failMode));
        mfa.principals().assign(MfaAssignment.of(BOB).configuration("Main").providerUserId("bob"));
        events.clear();
    }

    @BeforeEach
    void wrongCodesAreWrong() {
        provider.behaveAs(request -> CompletableFuture.completedFuture(
                request.credential() instanceof Credential.Passcode p && p.digits().equals(ScriptedProvider.GOOD_PASSCODE)
                        ? VerificationOutcome.approved("ok") : VerificationOutcome.rejected(Reason.INVALID_PASSCODE, "wrong")));
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"open", "closed"})
    void anOutageIsTheOneCauseThatFailsOpen(String failMode) {
        configure(failMode);
        provider.behaveAs(request -> CompletableFuture.completedFuture(VerificationOutcome.unavailable("connection refused", null)));

        assertThat(mfa.verify(BOB, "123456").reason())
                .isEqualTo(failMode.equals("open") ? Reason.FAIL_OPEN_BYPASS : Reason.PROVIDER_UNAVAILABLE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"open", "closed"})
    void aRateLimitFailsClosedAndIsNotCounted(String failMode) {
        configure(failMode);
        provider.behaveAs(request -> CompletableFuture.completedFuture(VerificationOutcome.rateLimited("Duo answered HTTP 429")));

        for (int i = 0; i < 10; i++) {
            VerificationResult result = mfa.verify(BOB, String.format("%06d", 999_990 + i));
            assertThat(result.reason()).isEqualTo(Reason.RATE_LIMITED);
            assertThat(result.allowed()).isFalse();
        }
        wrongCodesAreWrong();
        assertThat(mfa.verify(BOB, ScriptedProvider.GOOD_PASSCODE).reason()).as("ten rate-limited attempts locked nobody out")
                .isEqualTo(Reason.APPROVED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"open", "closed"})
    void aConfigurationChangedAfterTheVerifierWasChosenDoesNotCloseItUnderTheVerification(String failMode) {
        configure(failMode);
        AtomicInteger revision = new AtomicInteger();
        // The update lands after the engine chose (leased) the verifier and before it calls it:
        // exactly where the 13-of-113 finding closed the verifier under a wrong code.
        attempts.onAdmit = () -> mfa.configurations().json().update("Main",
                "{\"Options\": {\"Endpoint\": \"https://mfa.example.com\", \"Mode\": \"" + (revision.incrementAndGet() % 2 == 0 ? "fast" : "slow")
                        + "\"}}");

        VerificationResult result = mfa.verify(BOB, "000001");

        assertThat(result.reason()).isEqualTo(Reason.INVALID_PASSCODE);
        assertThat(provider.closedVerifiers).as("the first revision's verifier, once its verification ended").hasValue(1);
        attempts.onAdmit = () -> { };
        for (int i = 2; i <= 5; i++) {
            assertThat(mfa.verify(BOB, String.format("%06d", i)).reason()).isEqualTo(Reason.INVALID_PASSCODE);
        }
        assertThat(mfa.verify(BOB, ScriptedProvider.GOOD_PASSCODE).reason()).as("all five wrong codes counted")
                .isEqualTo(Reason.TOO_MANY_ATTEMPTS);
    }

    @Test
    void wrongCodesGuessedWhileAnotherThreadKeepsChangingTheConfigurationAreNeverLetThrough() throws Exception {
        configure("open", AttemptPolicy.builder().maxFailures(AttemptPolicy.MAX_FAILURES_LIMIT).build());
        ExecutorService answering = Executors.newFixedThreadPool(2);
        // Answers come on another thread, later, as a remote provider's do.
        provider.behaveAs(request -> CompletableFuture.supplyAsync(() -> VerificationOutcome.rejected(Reason.INVALID_PASSCODE, "wrong"),
                answering));
        AtomicBoolean stop = new AtomicBoolean();
        Future<?> changer = threads.submit(() -> {
            for (int i = 0; !stop.get(); i++) {
                mfa.configurations().json().update("Main", "{\"Options\": {\"Endpoint\": \"https://mfa.example.com\", \"Mode\": \""
                        + (i % 2 == 0 ? "slow" : "fast") + "\"}}");
            }
        });
        List<Future<List<Reason>>> guessers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            guessers.add(threads.submit(() -> {
                List<Reason> reasons = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    reasons.add(mfa.verify(BOB, String.format("%06d", 100_000 + thread * 100 + i)).reason());
                }
                return reasons;
            }));
        }
        List<Reason> all = new ArrayList<>();
        for (Future<List<Reason>> guesser : guessers) {
            all.addAll(guesser.get(2, TimeUnit.MINUTES));
        }
        stop.set(true);
        changer.get(1, TimeUnit.MINUTES);
        answering.shutdownNow();

        assertThat(all).hasSize(96).containsOnly(Reason.INVALID_PASSCODE);
        assertThat(attempts.refunds).as("every wrong code stayed counted").hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"open", "closed"})
    void aServiceClosedDuringAVerificationFailsItClosed(String failMode) {
        configure(failMode);
        CompletableFuture<VerificationOutcome> answer = new CompletableFuture<>();
        provider.behaveAs(request -> answer);

        CompletableFuture<VerificationResult> pending = mfa.verifyAsync(BOB, "123456");
        mfa.close();
        assertThat(provider.closedVerifiers).as("not closed under the verification in flight").hasValue(0);
        answer.complete(VerificationOutcome.unavailable("connection reset", null));

        assertThat(pending.join().reason()).isEqualTo(Reason.PROVIDER_UNAVAILABLE);
        assertThat(provider.closedVerifiers).hasValue(1);
        VerificationResult after = mfa.verify(BOB, "123457");
        assertThat(after.reason()).isEqualTo(Reason.PROVIDER_UNAVAILABLE);
        assertThat(after.message()).isEqualTo("the MFA service is closed");
        assertThat(provider.requests).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"open", "closed"})
    void aCancelledAnswerIsSettledAuditedOnceAndNeverThrown(String failMode) {
        configure(failMode);
        provider.behaveAs(request -> {
            CompletableFuture<VerificationOutcome> answer = new CompletableFuture<>();
            answer.cancel(false);
            return answer;
        });

        VerificationResult passcode = mfa.verify(BOB, "123456");
        VerificationResult push = mfa.verify(BOB, "push");
        VerificationResult nextPush = mfa.verify(BOB, "push");

        assertThat(passcode.reason()).isEqualTo(Reason.PROVIDER_ERROR);
        assertThat(push.reason()).isEqualTo(Reason.PROVIDER_ERROR);
        assertThat(nextPush.reason()).as("the cancelled push is no longer pending").isEqualTo(Reason.PROVIDER_ERROR);
        assertThat(events).filteredOn(VerificationEvent.class::isInstance).hasSize(3)
                .allSatisfy(e -> assertThat(((VerificationEvent) e).reason()).contains(Reason.PROVIDER_ERROR));
        assertThat(attempts.refunds).as("no verdict, so not counted").hasValue(3);
    }

    @Test
    void aCancelledAnswerThatArrivesLaterIsSettledToo() {
        configure("open");
        CompletableFuture<VerificationOutcome> answer = new CompletableFuture<>();
        provider.behaveAs(request -> answer);

        CompletableFuture<VerificationResult> pending = mfa.verifyAsync(BOB, "push");
        answer.cancel(true);

        assertThat(pending.join().reason()).isEqualTo(Reason.PROVIDER_ERROR);
        assertThat(events).filteredOn(VerificationEvent.class::isInstance).hasSize(1);
        provider.behaveAs(request -> CompletableFuture.completedFuture(VerificationOutcome.approved("approved")));
        assertThat(mfa.verify(BOB, "push").reason()).isEqualTo(Reason.APPROVED);
    }

    @Test
    void aHostThatCancelsItsOwnFutureStillGetsTheAttemptSettledAndAudited() {
        configure("closed");
        CompletableFuture<VerificationOutcome> answer = new CompletableFuture<>();
        provider.behaveAs(request -> answer);

        CompletableFuture<VerificationResult> pending = mfa.verifyAsync(BOB, "push");
        pending.cancel(true);
        answer.complete(VerificationOutcome.rejected(Reason.DENIED, "denied on the device"));

        assertThat(events).filteredOn(VerificationEvent.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((VerificationEvent) e).reason()).contains(Reason.DENIED));
        provider.behaveAs(request -> CompletableFuture.completedFuture(VerificationOutcome.approved("approved")));
        assertThat(mfa.verify(BOB, "push").reason()).as("the denied push ended").isEqualTo(Reason.APPROVED);
    }

    @Test
    void theSafetyNetOfAPasscodeWithNoAnswerIsAnOutage() {
        configure("open");
        MfaService impatient = MfaService.builder(ManagementAuthorizer.allowAll()).discoverProviders(false).provider(provider)
                .ticker(ticker).store(storeOf(mfa)).maxVerificationTime(Duration.ofSeconds(5)).build();
        provider.behaveAs(request -> new CompletableFuture<>());

        CompletableFuture<VerificationResult> pending = impatient.verifyAsync(BOB, "123456");
        ticker.advance(Duration.ofSeconds(5));

        assertThat(pending.orTimeout(30, TimeUnit.SECONDS).join().reason()).isEqualTo(Reason.FAIL_OPEN_BYPASS);
    }

    private static InMemoryMfaConfigurationStore storeOf(MfaService service) {
        InMemoryMfaConfigurationStore copy = new InMemoryMfaConfigurationStore();
        for (MfaConfiguration c : service.configurations().list(SecretVisibility.REVEALED)) {
            copy.createConfiguration(MfaConfiguration.of(c.name(), c.type(), Map.copyOf(c.options())));
        }
        service.principals().list().forEach(copy::putAssignment);
        return copy;
    }
}
