package dev.mfa4j.core;

import static dev.mfa4j.core.Fixtures.BOB;
import static dev.mfa4j.core.Fixtures.CONFIG_JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfa4j.api.Credential;
import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.VerificationResult;
import dev.mfa4j.api.event.MfaEvent;
import dev.mfa4j.api.event.VerificationEvent;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import dev.mfa4j.api.spi.VerificationOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Attempt limits, passcode replay and push limits (issue 5), applied before the provider is called. */
class AttemptPolicyTest {

    private final ScriptedProvider provider = new ScriptedProvider();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    private final List<MfaEvent> events = new CopyOnWriteArrayList<>();
    private final InMemoryMfaConfigurationStore store = new InMemoryMfaConfigurationStore();
    private final ScheduledExecutorService later = Executors.newScheduledThreadPool(2);
    private MfaService mfa;

    private MfaService service(AttemptPolicy policy) {
        return MfaService.builder(ManagementAuthorizer.allowAll()).store(store).discoverProviders(false)
                .provider(provider).clock(clock).attemptPolicy(policy).eventListener(events::add).build();
    }

    @BeforeEach
    void assignBob() {
        mfa = service(AttemptPolicy.defaults());
        mfa.configurations().json().create(CONFIG_JSON);
        mfa.principals().assign(MfaAssignment.of(BOB).configuration("Main").providerUserId("bob"));
    }

    @AfterEach
    void stop() {
        later.shutdownNow();
    }

    private static String code(int n) {
        return String.format("%06d", n);
    }

    @Test
    void afterFiveConsecutiveFailuresVerifyAnswersTooManyAttemptsWithoutCallingTheProvider() {
        for (int i = 1; i <= 5; i++) {
            assertThat(mfa.verify(BOB, code(i)).reason()).isEqualTo(Reason.INVALID_PASSCODE);
        }

        VerificationResult sixth = mfa.verify(BOB, ScriptedProvider.GOOD_PASSCODE);

        assertThat(sixth.reason()).isEqualTo(Reason.TOO_MANY_ATTEMPTS);
        assertThat(sixth.allowed()).isFalse();
        assertThat(provider.requests).hasSize(5);
        assertThat(mfa.verify(BOB, "push").reason()).isEqualTo(Reason.TOO_MANY_ATTEMPTS);
        assertThat(provider.requests).hasSize(5);
    }

    @Test
    void theLimitAndCoolDownAreConfigurableAndTheLockoutEnds() {
        MfaService strict = service(AttemptPolicy.builder().maxFailures(2).coolDown(Duration.ofMinutes(1)).build());
        strict.verify(BOB, code(1));
        strict.verify(BOB, code(2));
        assertThat(strict.verify(BOB, ScriptedProvider.GOOD_PASSCODE).reason()).isEqualTo(Reason.TOO_MANY_ATTEMPTS);

        clock.advance(Duration.ofSeconds(59));
        assertThat(strict.verify(BOB, ScriptedProvider.GOOD_PASSCODE).reason()).isEqualTo(Reason.TOO_MANY_ATTEMPTS);
        clock.advance(Duration.ofSeconds(1));
        assertThat(strict.verify(BOB, ScriptedProvider.GOOD_PASSCODE).reason()).isEqualTo(Reason.APPROVED);
    }

    @Test
    void theLimitCannotExceedOneHundred() {
        assertThatThrownBy(() -> AttemptPolicy.builder().maxFailures(101).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxFailures must be from 1 to 100");
        assertThatThrownBy(() -> AttemptPolicy.builder().pushTtl(Duration.ofMinutes(11)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pushTtl");
    }

    @Test
    void onlyASuccessResetsTheCount() {
        for (int i = 1; i <= 4; i++) {
            mfa.verify(BOB, code(i));
        }
        assertThat(mfa.verify(BOB, ScriptedProvider.GOOD_PASSCODE).reason()).isEqualTo(Reason.APPROVED);
        for (int i = 11; i <= 14; i++) {
            assertThat(mfa.verify(BOB, code(i)).reason()).isEqualTo(Reason.INVALID_PASSCODE);
        }
        assertThat(mfa.verify(BOB, code(15)).reason()).as("the fifth failure since the success").isEqualTo(Reason.INVALID_PASSCODE);
        assertThat(mfa.verify(BOB, code(16)).reason()).isEqualTo(Reason.TOO_MANY_ATTEMPTS);
    }

    @Test
    void aNewPushOrAResendDoesNotResetTheCount() {
        for (int i = 1; i <= 4; i++) {
            mfa.verify(BOB, code(i));
        }
        provider.behaviour = request -> CompletableFuture.completedFuture(request.credential() instanceof Credential.Keyword
                ? VerificationOutcome.rejected(Reason.PASSCODES_SENT, "new passcodes sent")
                : VerificationOutcome.rejected(Reason.INVALID_PASSCODE, "wrong"));

        assertThat(mfa.verify(BOB, "push").reason()).isEqualTo(Reason.PASSCODES_SENT);
        assertThat(mfa.verify(BOB, code(5)).reason()).isEqualTo(Reason.INVALID_PASSCODE);
        assertThat(mfa.verify(BOB, code(6)).reason()).isEqualTo(Reason.TOO_MANY_ATTEMPTS);
    }

    @Test
    void anUnavailableProviderIsNotCountedAgainstTheUser() {
        provider.behaviour = request -> CompletableFuture.completedFuture(VerificationOutcome.unavailable("down", null));
        for (int i = 1; i <= 10; i++) {
            assertThat(mfa.verify(BOB, code(i)).reason()).isEqualTo(Reason.PROVIDER_UNAVAILABLE);
        }
        provider.behaviour = ScriptedProvider::defaultBehaviour;

        assertThat(mfa.verify(BOB, ScriptedProvider.GOOD_PASSCODE).reason()).isEqualTo(Reason.APPROVED);
    }

    @Test
    void variantsOfOneNameShareTheCounterOfTheCanonicalPrincipal() {
        // A host store that matches names without regard to case: "Bob" finds bob's assignment.
        DelegatingStore caseInsensitive = new DelegatingStore(store) {
            @Override
            public Optional<MfaAssignment> findAssignment(PrincipalId principal) {
                return super.findAssignment(PrincipalId.user(principal.identityProvider(), principal.name().toLowerCase()));
            }
        };
        MfaService lenient = MfaService.builder(ManagementAuthorizer.allowAll()).store(caseInsensitive)
                .discoverProviders(false).provider(provider).clock(clock).build();
        String[] variants = {"bob", "Bob", "BOB", "bOb", "boB"};
        for (int i = 0; i < variants.length; i++) {
            lenient.verify(PrincipalId.user("internal", variants[i]), code(i + 1));
        }

        assertThat(lenient.verify(PrincipalId.user("internal", "BoB"), ScriptedProvider.GOOD_PASSCODE).reason())
                .isEqualTo(Reason.TOO_MANY_ATTEMPTS);
        assertThat(provider.requests).extracting(r -> r.principal()).containsOnly(BOB);
    }

    @Test
    void aHundredConcurrentWrongPasscodesReachTheProviderAtMostFiveTimes() throws Exception {
        // The provider answers later, on another thread, so all hundred are in flight together.
        provider.behaviour = request -> {
            CompletableFuture<dev.mfa4j.api.spi.VerificationOutcome> answer = new CompletableFuture<>();
            later.schedule(() -> answer.complete(VerificationOutcome.rejected(Reason.INVALID_PASSCODE, "wrong")), 50, TimeUnit.MILLISECONDS);
            return answer;
        };
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<VerificationResult>> results = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int n = i;
            CompletableFuture<VerificationResult> result = new CompletableFuture<>();
            results.add(result);
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    mfa.verifyAsync(BOB, code(100_000 + n)).whenComplete((r, e) -> result.complete(r));
                } catch (InterruptedException e) {
                    result.completeExceptionally(e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        List<Reason> reasons = new ArrayList<>();
        for (CompletableFuture<VerificationResult> result : results) {
            reasons.add(result.get(10, TimeUnit.SECONDS).reason());
        }

        assertThat(provider.requests).hasSizeLessThanOrEqualTo(5);
        assertThat(reasons).filteredOn(r -> r == Reason.INVALID_PASSCODE).hasSize(provider.requests.size());
        assertThat(reasons).filteredOn(r -> r == Reason.TOO_MANY_ATTEMPTS).hasSize(100 - provider.requests.size());
    }

    @Test
    void aPasscodeAcceptedOnceIsRefusedAgainWithoutCallingTheProviderAndReadsLikeAnyWrongCode() {
        VerificationResult first = mfa.verify(BOB, ScriptedProvider.GOOD_PASSCODE);
        VerificationResult wrong = mfa.verify(BOB, code(999));
        VerificationResult replay = mfa.verify(BOB, ScriptedProvider.GOOD_PASSCODE);

        assertThat(first.reason()).isEqualTo(Reason.APPROVED);
        assertThat(replay).isEqualTo(wrong);
        assertThat(provider.requests).hasSize(2);
        assertThat(events).filteredOn(VerificationEvent.class::isInstance).map(VerificationEvent.class::cast).last()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("the passcode was already used"));
    }

    @Test
    void aReplayCountsAsAFailure() {
        mfa.verify(BOB, ScriptedProvider.GOOD_PASSCODE);
        for (int i = 0; i < 5; i++) {
            assertThat(mfa.verify(BOB, ScriptedProvider.GOOD_PASSCODE).reason()).isEqualTo(Reason.INVALID_PASSCODE);
        }

        assertThat(mfa.verify(BOB, ScriptedProvider.GOOD_PASSCODE).reason()).isEqualTo(Reason.TOO_MANY_ATTEMPTS);
        assertThat(provider.requests).hasSize(1);
    }

    @Test
    void aUsedPasscodeIsForgottenAfterItsReuseWindowAndIsScopedToThePrincipal() {
        PrincipalId alice = PrincipalId.user("internal", "alice");
        mfa.principals().assign(MfaAssignment.of(alice).configuration("Main").providerUserId("alice"));
        mfa.verify(BOB, ScriptedProvider.GOOD_PASSCODE);

        assertThat(mfa.verify(alice, ScriptedProvider.GOOD_PASSCODE).reason()).as("another principal").isEqualTo(Reason.APPROVED);
        clock.advance(Duration.ofMinutes(10));
        assertThat(mfa.verify(BOB, ScriptedProvider.GOOD_PASSCODE).reason()).as("after the window").isEqualTo(Reason.APPROVED);
    }

    @Test
    void aWrongPasscodeIsNotRememberedAsUsed() {
        provider.behaviour = request -> CompletableFuture.completedFuture(VerificationOutcome.rejected(Reason.INVALID_PASSCODE, "wrong"));
        mfa.verify(BOB, code(42));
        provider.behaviour = ScriptedProvider::defaultBehaviour;

        mfa.verify(BOB, code(42));

        assertThat(provider.requests).as("the second try reached the provider").hasSize(2);
    }

    @Test
    void twoConcurrentUsesOfOneRightPasscodeApproveOnlyOnce() throws Exception {
        CompletableFuture<VerificationOutcome> answer = new CompletableFuture<>();
        provider.behaviour = request -> answer;

        CompletableFuture<VerificationResult> first = mfa.verifyAsync(BOB, ScriptedProvider.GOOD_PASSCODE);
        CompletableFuture<VerificationResult> second = mfa.verifyAsync(BOB, ScriptedProvider.GOOD_PASSCODE);
        answer.complete(VerificationOutcome.approved("ok"));

        assertThat(first.get(5, TimeUnit.SECONDS).reason()).isEqualTo(Reason.APPROVED);
        assertThat(second.get(5, TimeUnit.SECONDS).reason()).isEqualTo(Reason.INVALID_PASSCODE);
        assertThat(provider.requests).hasSize(1);
    }

    @Test
    void atMostOnePushIsPendingPerPrincipalAndTheRefusedOneIsNotCounted() throws Exception {
        CompletableFuture<VerificationOutcome> answer = new CompletableFuture<>();
        provider.behaviour = request -> answer;

        CompletableFuture<VerificationResult> pending = mfa.verifyAsync(BOB, "push");
        for (int i = 0; i < 10; i++) {
            assertThat(mfa.verify(BOB, "push").reason()).isEqualTo(Reason.PUSH_PENDING);
        }
        answer.complete(VerificationOutcome.approved("ok"));

        assertThat(pending.get(5, TimeUnit.SECONDS).reason()).isEqualTo(Reason.APPROVED);
        assertThat(provider.requests).hasSize(1);
        provider.behaviour = ScriptedProvider::defaultBehaviour;
        assertThat(mfa.verify(BOB, "push").reason()).as("the pending push ended").isEqualTo(Reason.APPROVED);
    }

    @Test
    void atMostThreePushesPerFiveMinutesSinceTheLastSuccess() {
        provider.behaviour = request -> CompletableFuture.completedFuture(VerificationOutcome.rejected(Reason.PUSH_FAILED, "not delivered"));
        for (int i = 0; i < 3; i++) {
            assertThat(mfa.verify(BOB, "push").reason()).isEqualTo(Reason.PUSH_FAILED);
        }
        assertThat(mfa.verify(BOB, "push").reason()).isEqualTo(Reason.TOO_MANY_PUSHES);
        assertThat(provider.requests).hasSize(3);

        clock.advance(Duration.ofMinutes(5));
        provider.behaviour = ScriptedProvider::defaultBehaviour;
        assertThat(mfa.verify(BOB, "push").reason()).as("a new window").isEqualTo(Reason.APPROVED);
        for (int i = 0; i < 3; i++) {
            assertThat(mfa.verify(BOB, "push").reason()).as("the success cleared the window").isEqualTo(Reason.APPROVED);
        }
    }

    @Test
    void aDenyEndsTheAttemptAndNothingPushesAgainOnItsOwn() {
        provider.behaviour = request -> CompletableFuture.completedFuture(VerificationOutcome.rejected(Reason.DENIED, "user said no"));

        assertThat(mfa.verify(BOB, "push").reason()).isEqualTo(Reason.DENIED);
        provider.behaviour = request -> CompletableFuture.completedFuture(VerificationOutcome.rejected(Reason.FRAUD_REPORTED, "fraud"));
        assertThat(mfa.verify(BOB, "push").reason()).isEqualTo(Reason.FRAUD_REPORTED);

        assertThat(provider.requests).as("one provider call per verify, none added").hasSize(2);
    }

    @Test
    void anAttemptStoreFailureFailsClosed() {
        MfaService broken = MfaService.builder(ManagementAuthorizer.allowAll()).store(store).discoverProviders(false)
                .provider(provider).attemptStore(new FailingAttemptStore()).build();

        assertThat(broken.verify(BOB, ScriptedProvider.GOOD_PASSCODE).reason()).isEqualTo(Reason.STORE_UNAVAILABLE);
        assertThat(provider.requests).isEmpty();
    }

    @Test
    void aPasscodeIsCountedAndClaimedInOneStoreCallAndItsFailureIsNotRefunded() {
        OneCallAttemptStore attempts = new OneCallAttemptStore();
        MfaService oneCall = MfaService.builder(ManagementAuthorizer.allowAll()).store(store).discoverProviders(false)
                .provider(provider).attemptStore(attempts).build();

        assertThat(oneCall.verify(BOB, ScriptedProvider.GOOD_PASSCODE).reason()).isEqualTo(Reason.APPROVED);
        assertThat(attempts.admitAndClaims).as("one call counts and claims").hasValue(1);

        attempts.failure = new IllegalStateException("the database is down");
        int requests = provider.requests.size();
        assertThat(oneCall.verify(BOB, ScriptedProvider.GOOD_PASSCODE).reason()).isEqualTo(Reason.STORE_UNAVAILABLE);
        assertThat(provider.requests).hasSize(requests);
        assertThat(attempts.refunds).as("a failed admitAndClaim took nothing").hasValue(0);
    }

    /** Counts how mfa-core enters a passcode attempt; can fail like a store whose one statement failed. */
    private static final class OneCallAttemptStore extends InMemoryAttemptStoreDelegate {
        final AtomicInteger admitAndClaims = new AtomicInteger();
        final AtomicInteger refunds = new AtomicInteger();
        volatile RuntimeException failure;

        @Override
        public PasscodeAdmission admitAndClaim(String key, Instant now, int maxFailures, Duration coolDown, String scope,
                String fingerprint, Instant claimExpiresAt) {
            admitAndClaims.incrementAndGet();
            if (failure != null) {
                throw failure;
            }
            return super.admitAndClaim(key, now, maxFailures, coolDown, scope, fingerprint, claimExpiresAt);
        }

        @Override
        public void refund(String key) {
            refunds.incrementAndGet();
            super.refund(key);
        }
    }

    /** An attempt store whose storage has gone away. */
    private static final class FailingAttemptStore extends InMemoryAttemptStoreDelegate {
        @Override
        public Admission admit(String key, Instant now, int maxFailures, Duration coolDown) {
            throw new IllegalStateException("redis is down");
        }
    }
}
