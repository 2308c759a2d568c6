package dev.mfa4j.duo.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.mfa4j.duo.internal.DuoStub.ok;
import static dev.mfa4j.duo.internal.Fixtures.await;
import static dev.mfa4j.duo.internal.Fixtures.passcode;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.spi.VerificationOutcome;
import dev.mfa4j.testkit.ManualTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HTTP 429 is retried with backoff within the budget; nothing else is retried. */
class RetryTest {

    static DuoStub duo;
    static ExecutorService executor;

    @BeforeAll
    static void start() {
        duo = new DuoStub();
        executor = Fixtures.executor();
    }

    @AfterAll
    static void stop() {
        duo.close();
        executor.shutdownNow();
    }

    @BeforeEach
    void reset() {
        duo.server.resetAll();
    }

    private static ResponseDefinitionBuilder tooMany() {
        return DuoStub.fail(429, 42901, "Too Many Requests");
    }

    private void stubSequence(ResponseDefinitionBuilder... answers) {
        String state = STARTED;
        for (int i = 0; i < answers.length; i++) {
            String next = "try-" + (i + 1);
            duo.server.stubFor(post(urlPathEqualTo("/auth/v2/auth")).inScenario("429").whenScenarioStateIs(state)
                    .willReturn(answers[i]).willSetStateTo(next));
            state = next;
        }
    }

    /**
     * Runs a passcode verification on a ticker of its own and moves the ticker through each retry
     * wait a millisecond at a time, which measures the wait exactly.
     *
     * @return the waits, in order, and the outcome
     */
    private Retried passcodeRetried(String... options) {
        ManualTicker ticker = new ManualTicker();
        DuoVerifier verifier = Fixtures.open(duo, executor, ticker, options);
        CompletableFuture<VerificationOutcome> outcome = verifier.verify(passcode("123456"));
        List<Duration> waits = new ArrayList<>();
        while (true) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> verifier.timer().pauses() == 1 || outcome.isDone());
            if (outcome.isDone()) {
                return new Retried(waits, await(outcome));
            }
            // While it pauses nothing else is pending, so the next wait to come due is the pause.
            long before = verifier.timer().fired();
            Duration waited = Duration.ZERO;
            while (verifier.timer().fired() == before) {
                Fixtures.pass(verifier, ticker, Duration.ofMillis(1));
                waited = waited.plusMillis(1);
            }
            waits.add(waited);
        }
    }

    private record Retried(List<Duration> waits, VerificationOutcome outcome) {
    }

    @Test
    void twoRateLimitsThenAnAnswer() {
        stubSequence(tooMany(), tooMany(), ok(Answers.ALLOW));
        Retried retried = passcodeRetried();
        assertThat(retried.outcome().reason()).isEqualTo(Reason.APPROVED);
        assertThat(retried.waits()).as("20 ms, then twice as long").containsExactly(Duration.ofMillis(20), Duration.ofMillis(40));
        duo.server.verify(3, postRequestedFor(urlPathEqualTo("/auth/v2/auth")));
    }

    @Test
    void retryAfterIsHonoured() {
        stubSequence(tooMany().withHeader("Retry-After", "1"), ok(Answers.DENY));
        Retried retried = passcodeRetried();
        assertThat(retried.outcome().reason()).isEqualTo(Reason.INVALID_PASSCODE);
        assertThat(retried.waits()).containsExactly(Duration.ofSeconds(1));
        duo.server.verify(2, postRequestedFor(urlPathEqualTo("/auth/v2/auth")));
    }

    @Test
    void aRetryAfterBeyondTheBudgetGivesUpAtOnce() {
        stubSequence(tooMany().withHeader("Retry-After", "30"));
        Retried retried = passcodeRetried("RetryBudget", "5s");
        assertThat(retried.outcome().reason()).isEqualTo(Reason.RATE_LIMITED);
        assertThat(retried.outcome().message()).contains("42901");
        assertThat(retried.waits()).as("no wait at all").isEmpty();
        duo.server.verify(1, postRequestedFor(urlPathEqualTo("/auth/v2/auth")));
    }

    @Test
    void endlessRateLimitsStopWhenTheBudgetIsSpent() {
        // Waits without jitter: 20, 40, 80, 160, 320 ms = 620 ms; the next (640 ms) would pass 1 s.
        duo.server.stubFor(post(urlPathEqualTo("/auth/v2/auth")).willReturn(tooMany()));
        Retried retried = passcodeRetried("RetryBudget", "1s");
        assertThat(retried.outcome().reason()).isEqualTo(Reason.RATE_LIMITED);
        assertThat(retried.waits()).containsExactly(Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofMillis(80),
                Duration.ofMillis(160), Duration.ofMillis(320));
        duo.server.verify(6, postRequestedFor(urlPathEqualTo("/auth/v2/auth")));
    }

    @Test
    void aZeroBudgetDisablesRetries() {
        duo.server.stubFor(post(urlPathEqualTo("/auth/v2/auth")).willReturn(tooMany()));
        Retried retried = passcodeRetried("RetryBudget", "0s");
        assertThat(retried.outcome().reason()).isEqualTo(Reason.RATE_LIMITED);
        assertThat(retried.waits()).isEmpty();
        duo.server.verify(1, postRequestedFor(urlPathEqualTo("/auth/v2/auth")));
    }

    @Test
    void aNonJson429IsStillARateLimit() {
        stubSequence(aResponse().withStatus(429).withBody("slow down"), ok(Answers.ALLOW));
        Retried retried = passcodeRetried();
        assertThat(retried.outcome().reason()).isEqualTo(Reason.APPROVED);
        assertThat(retried.waits()).containsExactly(Duration.ofMillis(20));
    }

    @Test
    void serverErrorsAreNotRetried() {
        duo.server.stubFor(post(urlPathEqualTo("/auth/v2/auth")).willReturn(DuoStub.fail(500, 50001, "Unknown internal server error")));
        assertThat(await(Fixtures.open(duo, executor).verify(passcode("123456"))).reason()).isEqualTo(Reason.PROVIDER_UNAVAILABLE);
        duo.server.verify(1, postRequestedFor(urlPathEqualTo("/auth/v2/auth")));
    }

    @Test
    void policyDoublesWithJitterAndHonoursRetryAfter() {
        RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(10), half -> half);
        assertThat(policy.nextWait(0, Duration.ZERO, Optional.empty(), Duration.ofHours(1))).contains(Duration.ofMillis(1500));
        assertThat(policy.nextWait(1, Duration.ofMillis(1500), Optional.empty(), Duration.ofHours(1))).contains(Duration.ofMillis(3000));
        assertThat(policy.nextWait(2, Duration.ofMillis(4500), Optional.empty(), Duration.ofHours(1))).isEmpty();
        assertThat(policy.nextWait(0, Duration.ZERO, Optional.of(Duration.ofSeconds(2)), Duration.ofHours(1))).contains(Duration.ofSeconds(2));
        assertThat(policy.nextWait(0, Duration.ZERO, Optional.empty(), Duration.ofMillis(100))).isEmpty();
        assertThat(policy.nextWait(RetryPolicy.MAX_RETRIES, Duration.ZERO, Optional.of(Duration.ZERO), Duration.ofHours(1))).isEmpty();
    }
}
