package dev.mfa4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.VerificationResult;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import dev.mfa4j.api.spi.VerificationOutcome;
import dev.mfa4j.core.AttemptPolicy;
import dev.mfa4j.core.MfaService;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeMfaProviderTest {

    private static final PrincipalId BOB = PrincipalId.parse("principal/internal/user/bob");

    /** The service's and the fake's time: a delayed answer comes when a test advances it. */
    private final ManualTicker ticker = new ManualTicker();
    private final FakeMfaProvider fake = new FakeMfaProvider(ticker);
    private MfaService mfa;

    @BeforeEach
    void configure() {
        // Generous limits: these tests are about the fake's answers, not about mfa-core's policy.
        mfa = MfaService.builder(ManagementAuthorizer.allowAll()).provider(fake).ticker(ticker)
                .attemptPolicy(AttemptPolicy.builder().maxFailures(100).maxPushes(100, Duration.ofMinutes(5)).build()).build();
        mfa.configurations().json().create("""
                {"Type": "fake", "Name": "Demo", "Options": {"Passcode": "77552"}}""");
        mfa.principals().assign(MfaAssignment.of(BOB).configuration("Demo").providerUserId("bob-at-fake"));
    }

    @Test
    void answersFromItsOptionsWithoutAScript() {
        assertThat(mfa.verify(BOB, "77552").reason()).isEqualTo(Reason.APPROVED);
        assertThat(mfa.verify(BOB, "11111").reason()).isEqualTo(Reason.INVALID_PASSCODE);
        assertThat(mfa.verify(BOB, "push").reason()).isEqualTo(Reason.APPROVED);
        assertThat(fake.requests()).extracting(r -> r.credential().factor()).containsExactly("passcode", "passcode", "push");
        assertThat(fake.requests().get(0).providerUserId()).isEqualTo("bob-at-fake");
    }

    @Test
    void scriptedAnswersComeFirstAndInOrder() {
        fake.willAnswer(BOB, VerificationOutcome.rejected(Reason.DENIED, "no"), VerificationOutcome.rejected(Reason.FRAUD_REPORTED, "fraud"));

        assertThat(mfa.verify(BOB, "push").reason()).isEqualTo(Reason.DENIED);
        assertThat(mfa.verify(BOB, "77552").reason()).isEqualTo(Reason.FRAUD_REPORTED);
        assertThat(mfa.verify(BOB, "77552").reason()).isEqualTo(Reason.APPROVED);
    }

    @Test
    void aHeldAnswerWaitsForTheTest() throws Exception {
        CompletableFuture<VerificationOutcome> held = fake.willHold(BOB);

        CompletableFuture<VerificationResult> result = mfa.verifyAsync(BOB, "push");
        assertThat(result).isNotDone();
        held.complete(VerificationOutcome.rejected(Reason.TIMED_OUT, "expired"));

        assertThat(result.get(5, TimeUnit.SECONDS).reason()).isEqualTo(Reason.TIMED_OUT);
    }

    @Test
    void aDelayedAnswerArrivesWhenTheTickerPassesTheDelay() throws Exception {
        fake.willAnswerAfter(BOB, Duration.ofSeconds(30), VerificationOutcome.approved("late"));

        CompletableFuture<VerificationResult> result = mfa.verifyAsync(BOB, "push");
        assertThat(result).isNotDone();
        ticker.advance(Duration.ofSeconds(30));

        assertThat(result.get(30, TimeUnit.SECONDS).message()).isEqualTo("late");
    }

    @Test
    void aPushTakesThePushDelayOption() throws Exception {
        mfa.configurations().json().update("Demo", "{\"Options\": {\"PushDelay\": \"20s\"}}");

        CompletableFuture<VerificationResult> result = mfa.verifyAsync(BOB, "push");
        assertThat(result).isNotDone();
        ticker.advance(Duration.ofSeconds(20));

        assertThat(result.get(30, TimeUnit.SECONDS).reason()).isEqualTo(Reason.APPROVED);
    }

    @Test
    void pushResultsFollowTheOption() {
        for (String option : new String[] {"deny", "fraud", "timeout", "unavailable"}) {
            mfa.configurations().json().update("Demo", "{\"Options\": {\"PushResult\": \"" + option + "\"}}");
            assertThat(mfa.verify(BOB, "push").allowed()).as(option).isFalse();
        }
        assertThat(mfa.verify(BOB, "push").reason()).isEqualTo(Reason.PROVIDER_UNAVAILABLE);
        assertThat(mfa.verify(BOB, "77552").reason()).as("the secret passcode survived the updates").isEqualTo(Reason.APPROVED);
        assertThat(fake.openedVerifiers()).as("one per revision used").isEqualTo(4);
        assertThat(fake.closedVerifiers()).as("each replaced by an update").isEqualTo(3);
    }

    @Test
    void theSecretPasscodeIsRedactedWhenRead() {
        assertThat(mfa.configurations().json().list()).contains("\"Passcode\": \"********\"").doesNotContain("77552");
    }

    @Test
    void isFoundWithServiceLoader() {
        MfaService discovered = MfaService.builder(ManagementAuthorizer.allowAll()).build();

        assertThat(discovered.providerTypes()).contains("fake");
    }
}
