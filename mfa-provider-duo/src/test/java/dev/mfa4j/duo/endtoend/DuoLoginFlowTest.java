package dev.mfa4j.duo.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.VerificationContext;
import dev.mfa4j.api.VerificationProgress;
import dev.mfa4j.api.VerificationResult;
import dev.mfa4j.api.event.MfaEvent;
import dev.mfa4j.api.spi.HealthStatus;
import dev.mfa4j.core.MfaService;
import dev.mfa4j.testkit.ManualTicker;
import dev.mfa4j.testkit.duo.DuoSimulator;
import dev.mfa4j.testkit.duo.DuoUser;
import dev.mfa4j.testkit.duo.DuoUserStatus;
import dev.mfa4j.testkit.duo.Fault;
import dev.mfa4j.testkit.duo.PushBehaviour;
import dev.mfa4j.testkit.duo.PushNotification;
import dev.mfa4j.testkit.junit5.StartStop;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole login path a host runs: mfa-core's MfaService, the duo provider, and the testkit's
 * Duo simulator on loopback HTTPS, signing and TLS included. Each test has its own simulator and
 * service, and all three share one ticker: a push's pause between polls, a request timeout or a
 * push expiry passes when the test advances it.
 */
class DuoLoginFlowTest {

    private final ManualTicker ticker = new ManualTicker();

    @StartStop
    final DuoSimulator duo = DuoSimulator.builder()
            .ticker(ticker)
            .user(DuoUser.builder("bob").smartphone().passcodes("111111", "222222", "333333").build())
            .user(DuoUser.builder("vera").smartphone().verifiedPush(true).build())
            .user(DuoUser.builder("bea").status(DuoUserStatus.BYPASS).smartphone().build())
            .user(DuoUser.builder("lou").status(DuoUserStatus.LOCKED_OUT).smartphone().build())
            .user(DuoUser.builder("nell").status(DuoUserStatus.NOT_ENROLLED).build())
            .build();

    private final List<MfaEvent> events = new CopyOnWriteArrayList<>();
    private MfaService mfa;

    @BeforeEach
    void configure() {
        mfa = DuoAgainstSimulator.service(events::add, ticker);
        mfa.configurations().json().create(DuoAgainstSimulator.configuration(duo));
        for (String user : List.of("bob", "bea", "lou", "nell")) {
            mfa.principals().assign(MfaAssignment.of(principal(user)).configuration(DuoAgainstSimulator.CONFIGURATION)
                    .providerUserId(duo.user(user).orElseThrow().userId()));
        }
        // Verified Push is a per-configuration choice: the login page must be able to show the code.
        mfa.configurations().json().create(DuoAgainstSimulator.configuration("DuoVerified", duo, "VerifiedPush", "on"));
        mfa.principals().assign(MfaAssignment.of(principal("vera")).configuration("DuoVerified")
                .providerUserId(duo.user("vera").orElseThrow().userId()));
    }

    @AfterEach
    void close() {
        mfa.close();
    }

    private static PrincipalId principal(String name) {
        return PrincipalId.user("internal", name);
    }

    /** The push the simulated phone received; it comes after the verifier's first TLS handshake, preauth and auth. */
    private PushNotification nextPush() throws InterruptedException {
        PushNotification push = duo.takePush(Duration.ofSeconds(30));
        assertThat(push).as("a push").isNotNull();
        return push;
    }

    /** Waits until {@code count} auth_status calls have reached the simulator. */
    private void awaitPolls(int count) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> duo.requestCount("/auth/v2/auth_status") >= count);
    }

    @Test
    void aPasscodeLogsInOnceAndItsReplayNeverReachesDuo() {
        assertThat(mfa.verify(principal("bob"), "111111").reason()).isEqualTo(Reason.APPROVED);
        int authCalls = duo.requestCount("/auth/v2/auth");

        VerificationResult replay = mfa.verify(principal("bob"), "111111");

        assertThat(replay.reason()).isEqualTo(Reason.INVALID_PASSCODE);
        assertThat(duo.requestCount("/auth/v2/auth")).isEqualTo(authCalls);
        assertThat(mfa.verify(principal("bob"), "987654").reason()).isEqualTo(Reason.INVALID_PASSCODE);
    }

    @Test
    void aPushApprovedWhileItIsPolledReportsProgressWithoutHoldingTheCaller() throws Exception {
        List<VerificationProgress> progress = new CopyOnWriteArrayList<>();

        CompletableFuture<VerificationResult> result = mfa.verifyAsync(principal("bob"), "push",
                VerificationContext.builder().progressListener(progress::add).clientIp("203.0.113.9").build());
        assertThat(result).isNotDone();

        // Duo answers the first poll "waiting" at once; the provider asks again after its pause,
        // and that poll waits at the simulator for the user.
        PushNotification push = nextPush();
        awaitPolls(1);
        ticker.advance(DuoAgainstSimulator.POLL_PAUSE);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> duo.parkedLongPolls() == 1);
        assertThat(result).isNotDone();
        duo.approve(push.txid());

        assertThat(result.get(30, TimeUnit.SECONDS).reason()).isEqualTo(Reason.APPROVED);
        assertThat(progress).first().isInstanceOf(VerificationProgress.ChallengeSent.class);
        assertThat(progress).anyMatch(p -> p instanceof VerificationProgress.Waiting);
        assertThat(duo.requestCount("/auth/v2/auth_status")).isEqualTo(2);
    }

    @Test
    void aPushNobodyAnswersTimesOutAtThePushTimeout() throws Exception {
        CompletableFuture<VerificationResult> result = mfa.verifyAsync(principal("bob"), "push");
        nextPush();
        awaitPolls(1);
        ticker.advance(DuoAgainstSimulator.POLL_PAUSE);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> duo.parkedLongPolls() == 1);

        // The configuration's 20 s PushTimeout, counted from the verification's start.
        ticker.advance(Duration.ofSeconds(19));

        assertThat(result.get(30, TimeUnit.SECONDS).reason()).isEqualTo(Reason.TIMED_OUT);
    }

    @Test
    void everyPushAnswerMapsToItsReason() {
        duo.scriptNextPush("bob", PushBehaviour.deny());
        assertThat(mfa.verify(principal("bob"), "push").reason()).isEqualTo(Reason.DENIED);
        duo.scriptNextPush("bob", PushBehaviour.fraud());
        assertThat(mfa.verify(principal("bob"), "PUSH").reason()).isEqualTo(Reason.FRAUD_REPORTED);
        duo.scriptNextPush("bob", PushBehaviour.timeout());
        assertThat(mfa.verify(principal("bob"), "push").reason()).isEqualTo(Reason.TIMED_OUT);
        duo.scriptNextPush("bob", PushBehaviour.pushFailed());
        assertThat(mfa.verify(principal("bob"), "push").reason()).isEqualTo(Reason.PUSH_FAILED);
    }

    @Test
    void verifiedPushShowsTheCodeAndApprovesOnlyWithIt() throws Exception {
        List<String> shown = new CopyOnWriteArrayList<>();
        CompletableFuture<VerificationResult> result = mfa.verifyAsync(principal("vera"), "push",
                VerificationContext.builder().progressListener(p -> {
                    if (p instanceof VerificationProgress.VerificationCode code) {
                        shown.add(code.code());
                    }
                }).build());

        PushNotification push = nextPush();
        assertThat(push.verificationCode()).isPresent();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !shown.isEmpty());
        assertThat(shown).containsExactly(push.verificationCode().get());
        duo.approve(push.txid(), shown.get(0));
        ticker.advance(DuoAgainstSimulator.POLL_PAUSE);

        assertThat(result.get(30, TimeUnit.SECONDS).reason()).isEqualTo(Reason.APPROVED);
    }

    @Test
    void aWrongVerifiedPushCodeDenies() throws Exception {
        CompletableFuture<VerificationResult> result = mfa.verifyAsync(principal("vera"), "push");

        PushNotification push = nextPush();
        String wrong = push.verificationCode().orElseThrow().equals("000") ? "111" : "000";
        duo.approve(push.txid(), wrong);
        // Whether the provider polled before the answer or not, a pause from now covers it.
        ticker.advance(DuoAgainstSimulator.POLL_PAUSE);

        assertThat(result.get(30, TimeUnit.SECONDS).reason()).isEqualTo(Reason.DENIED);
    }

    @Test
    void duoAccountStatesBecomeDistinctReasons() {
        VerificationResult bypass = mfa.verify(principal("bea"), "push");
        assertThat(bypass.reason()).isEqualTo(Reason.PROVIDER_BYPASS);
        assertThat(bypass.allowed()).isTrue();

        // Duo's preauth only says deny for a locked-out user; /auth names the status.
        assertThat(mfa.verify(principal("lou"), "push").reason()).isEqualTo(Reason.DENIED);
        assertThat(mfa.verify(principal("lou"), "123456").reason()).isEqualTo(Reason.LOCKED_OUT);

        VerificationResult enroll = mfa.verify(principal("nell"), "push");
        assertThat(enroll.reason()).isEqualTo(Reason.ENROLLMENT_REQUIRED);
        assertThat(enroll.enrollmentUrl()).isPresent();
    }

    @Test
    void smsSendsPasscodesOneOfWhichThenLogsIn() {
        assertThat(mfa.verify(principal("bob"), "sms").reason()).isEqualTo(Reason.PASSCODES_SENT);

        List<String> sent = duo.smsPasscodes("bob");

        assertThat(sent).isNotEmpty();
        assertThat(mfa.verify(principal("bob"), sent.get(0)).reason()).isEqualTo(Reason.APPROVED);
    }

    @Test
    void rateLimitingIsRetriedWithinTheBudget() {
        // Retry-After: 0, so the retries need no time to pass (RetryTest measures the waits).
        duo.injectFault("/auth/v2/auth", Fault.rateLimited(2, Duration.ZERO));

        assertThat(mfa.verify(principal("bob"), "222222").reason()).isEqualTo(Reason.APPROVED);
        assertThat(duo.requestCount("/auth/v2/auth")).isEqualTo(3);
    }

    @Test
    void outagesFailClosedAndFailOpenOnlyWhereConfiguredAndAudited() throws Exception {
        duo.injectFault("/auth/v2/auth", Fault.serverError(1, 503));
        assertThat(mfa.verify(principal("bob"), "333333").reason()).isEqualTo(Reason.PROVIDER_UNAVAILABLE);
        duo.injectFault("/auth/v2/auth", Fault.htmlErrorPage(1));
        assertThat(mfa.verify(principal("bob"), "333333").reason()).isEqualTo(Reason.PROVIDER_UNAVAILABLE);
        duo.injectFault("/auth/v2/auth", Fault.malformedJson(1));
        assertThat(mfa.verify(principal("bob"), "333333").reason()).as("an answer, though unusable, is no outage")
                .isEqualTo(Reason.PROVIDER_ERROR);
        duo.injectFault("/auth/v2/auth", Fault.dropConnection(1));
        assertThat(mfa.verify(principal("bob"), "333333").reason()).isEqualTo(Reason.PROVIDER_UNAVAILABLE);

        // An answer that comes after the request timeout: the test moves the ticker past the
        // timeout once the request has reached the simulator.
        duo.injectFault("/auth/v2/auth", Fault.slow(1, Duration.ofMinutes(5)));
        int authCalls = duo.requestCount("/auth/v2/auth");
        CompletableFuture<VerificationResult> slow = mfa.verifyAsync(principal("bob"), "333333");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> duo.requestCount("/auth/v2/auth") > authCalls);
        ticker.advance(DuoAgainstSimulator.REQUEST_TIMEOUT);
        assertThat(slow.get(30, TimeUnit.SECONDS).reason()).as("slower than RequestTimeout").isEqualTo(Reason.PROVIDER_UNAVAILABLE);

        mfa.configurations().json().update(DuoAgainstSimulator.CONFIGURATION, DuoAgainstSimulator.update(duo, "FailMode", "open"));
        duo.injectFault("/auth/v2/auth", Fault.serverError(1, 500));
        assertThat(mfa.verify(principal("bob"), "333333").reason()).isEqualTo(Reason.FAIL_OPEN_BYPASS);
        assertThat(events).anyMatch(e -> e instanceof dev.mfa4j.api.event.VerificationEvent v
                && v.reason().equals(java.util.Optional.of(Reason.FAIL_OPEN_BYPASS)));
    }

    @Test
    void aWrongSecretKeyIsAProviderErrorThatFailOpenNeverLetsThrough() {
        String wrongKey = "W".repeat(40);
        mfa.configurations().json().update(DuoAgainstSimulator.CONFIGURATION, DuoAgainstSimulator.update(duo,
                "FailMode", "open", "SecretKey", wrongKey));

        VerificationResult result = mfa.verify(principal("bob"), "333333");

        assertThat(result.reason()).isEqualTo(Reason.PROVIDER_ERROR);
        assertThat(result.allowed()).isFalse();
    }

    @Test
    void healthChecksPingAndCheck() throws Exception {
        HealthStatus health = mfa.configurations().health(DuoAgainstSimulator.CONFIGURATION).get(30, TimeUnit.SECONDS);

        assertThat(health.state()).isEqualTo(HealthStatus.State.HEALTHY);
    }

    @Test
    void everyRequestDuoReceivedWasSignedCorrectly() throws Exception {
        mfa.verify(principal("bob"), "987650");
        duo.scriptNextPush("bob", PushBehaviour.approve());
        mfa.verify(principal("bob"), "push");

        Set<String> judged = new TreeSet<>();
        // Every request is in the log before its answer leaves: all of them are there by now.
        for (var request = duo.takeRequest(Duration.ZERO); request != null; request = duo.takeRequest(Duration.ZERO)) {
            if (!request.path().endsWith("/ping")) {
                assertThat(request.signatureVerified()).as(request.path()).isTrue();
                judged.add(request.path());
            }
        }
        // At least the push's three kinds of call were judged, not an empty log.
        assertThat(judged).contains("/auth/v2/preauth", "/auth/v2/auth", "/auth/v2/auth_status");
    }
}
