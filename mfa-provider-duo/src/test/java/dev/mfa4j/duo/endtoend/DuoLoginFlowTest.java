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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole login path a host runs: mfa-core's MfaService, the duo provider found with
 * ServiceLoader, and the testkit's Duo simulator on loopback HTTPS, signing and TLS included.
 */
class DuoLoginFlowTest {

    @StartStop
    static final DuoSimulator duo = DuoSimulator.builder()
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
        duo.clearFaults();
        mfa = DuoAgainstSimulator.service(events::add);
        mfa.configurations().json().create(DuoAgainstSimulator.configuration(duo, ""));
        for (String user : List.of("bob", "bea", "lou", "nell")) {
            mfa.principals().assign(MfaAssignment.of(principal(user)).configuration(DuoAgainstSimulator.CONFIGURATION).providerUserId(duo.user(user).orElseThrow().userId()));
        }
        // Verified Push is a per-configuration choice: the login page must be able to show the code.
        mfa.configurations().json().create(DuoAgainstSimulator.configuration(duo, ", \"VerifiedPush\": \"on\"")
                .replace("\"Name\": \"Duo\"", "\"Name\": \"DuoVerified\""));
        mfa.principals().assign(MfaAssignment.of(principal("vera")).configuration("DuoVerified").providerUserId(duo.user("vera").orElseThrow().userId()));
    }

    @AfterEach
    void close() {
        mfa.close();
    }

    private static PrincipalId principal(String name) {
        return PrincipalId.user("internal", name);
    }

    /** The simulator's push queue is shared by the tests of this class: skip other users' pushes. */
    private static PushNotification nextPushFor(String username) throws InterruptedException {
        while (true) {
            // Generous: the push comes after the verifier's first TLS handshake, preauth and auth.
            PushNotification push = duo.takePush(Duration.ofSeconds(30));
            assertThat(push).as("a push for " + username).isNotNull();
            if (push.username().equals(username)) {
                return push;
            }
        }
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
    void aPushApprovedAfterADelayReportsProgressWithoutHoldingTheCaller() throws Exception {
        // The push waits for this test's approval, not for a timer: until then the result cannot be done.
        duo.scriptNextPush("bob", PushBehaviour.pending());
        List<VerificationProgress> progress = new CopyOnWriteArrayList<>();
        while (duo.takePush(Duration.ZERO) != null) {
            // earlier tests' pushes, all over
        }
        int pollsBefore = duo.requestCount("/auth/v2/auth_status");

        CompletableFuture<VerificationResult> result = mfa.verifyAsync(principal("bob"), "push",
                VerificationContext.builder().progressListener(progress::add).clientIp("203.0.113.9").build());
        assertThat(result).isNotDone();

        // The user approves while the verifier is polling for the answer.
        PushNotification push = nextPushFor("bob");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> duo.requestCount("/auth/v2/auth_status") > pollsBefore);
        duo.approve(push.txid());

        assertThat(result.get(20, TimeUnit.SECONDS).reason()).isEqualTo(Reason.APPROVED);
        assertThat(progress).first().isInstanceOf(VerificationProgress.ChallengeSent.class);
        assertThat(duo.requestCount("/auth/v2/auth_status")).isPositive();
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
        duo.scriptNextPush("vera", PushBehaviour.pending());
        List<String> shown = new CopyOnWriteArrayList<>();
        CompletableFuture<VerificationResult> result = mfa.verifyAsync(principal("vera"), "push",
                VerificationContext.builder().progressListener(p -> {
                    if (p instanceof VerificationProgress.VerificationCode code) {
                        shown.add(code.code());
                    }
                }).build());

        PushNotification push = nextPushFor("vera");
        assertThat(push.verificationCode()).isPresent();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !shown.isEmpty());
        assertThat(shown).containsExactly(push.verificationCode().get());
        duo.approve(push.txid(), shown.get(0));

        assertThat(result.get(20, TimeUnit.SECONDS).reason()).isEqualTo(Reason.APPROVED);
    }

    @Test
    void aWrongVerifiedPushCodeDenies() throws Exception {
        duo.scriptNextPush("vera", PushBehaviour.pending());
        CompletableFuture<VerificationResult> result = mfa.verifyAsync(principal("vera"), "push");

        PushNotification push = nextPushFor("vera");
        String wrong = push.verificationCode().orElseThrow().equals("000") ? "111" : "000";
        duo.approve(push.txid(), wrong);

        assertThat(result.get(20, TimeUnit.SECONDS).reason()).isEqualTo(Reason.DENIED);
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
        duo.injectFault("/auth/v2/auth", Fault.rateLimited(2, Duration.ofMillis(200)));

        assertThat(mfa.verify(principal("bob"), "222222").reason()).isEqualTo(Reason.APPROVED);
    }

    @Test
    void outagesFailClosedAndFailOpenOnlyWhereConfiguredAndAudited() {
        duo.injectFault("/auth/v2/auth", Fault.serverError(1, 503));
        assertThat(mfa.verify(principal("bob"), "333333").reason()).isEqualTo(Reason.PROVIDER_UNAVAILABLE);
        duo.injectFault("/auth/v2/auth", Fault.htmlErrorPage(1));
        assertThat(mfa.verify(principal("bob"), "333333").reason()).isEqualTo(Reason.PROVIDER_UNAVAILABLE);
        duo.injectFault("/auth/v2/auth", Fault.malformedJson(1));
        assertThat(mfa.verify(principal("bob"), "333333").reason()).as("an answer, though unusable, is no outage")
                .isEqualTo(Reason.PROVIDER_ERROR);
        duo.injectFault("/auth/v2/auth", Fault.dropConnection(1));
        assertThat(mfa.verify(principal("bob"), "333333").reason()).isEqualTo(Reason.PROVIDER_UNAVAILABLE);
        // A 2 s request timeout for the slow answer only, which comes 20 s late: it times out
        // however late the timer fires. The other calls keep the 10 s that a handshake needs.
        mfa.configurations().json().update(DuoAgainstSimulator.CONFIGURATION, DuoAgainstSimulator.configuration(duo, "2s", "")
                .replaceFirst("\"Name\": \"Duo\", ", ""));
        duo.injectFault("/auth/v2/auth", Fault.slow(1, Duration.ofSeconds(20)));
        assertThat(mfa.verify(principal("bob"), "333333").reason()).as("slower than RequestTimeout").isEqualTo(Reason.PROVIDER_UNAVAILABLE);

        mfa.configurations().json().update(DuoAgainstSimulator.CONFIGURATION, DuoAgainstSimulator.configuration(duo, ", \"FailMode\": \"open\"")
                .replaceFirst("\"Name\": \"Duo\", ", ""));
        // The slow fault is used up, unless the 2 s ran out before the request was even sent.
        duo.clearFaults();
        duo.injectFault("/auth/v2/auth", Fault.serverError(1, 500));
        assertThat(mfa.verify(principal("bob"), "333333").reason()).isEqualTo(Reason.FAIL_OPEN_BYPASS);
        assertThat(events).anyMatch(e -> e instanceof dev.mfa4j.api.event.VerificationEvent v
                && v.reason().equals(java.util.Optional.of(Reason.FAIL_OPEN_BYPASS)));
    }

    @Test
    void aWrongSecretKeyIsAProviderErrorThatFailOpenNeverLetsThrough() {
        String wrongKey = "W".repeat(40);
        mfa.configurations().json().update(DuoAgainstSimulator.CONFIGURATION, DuoAgainstSimulator.configuration(duo, ", \"FailMode\": \"open\"")
                .replace(duo.integration().secretKey(), wrongKey).replaceFirst("\"Name\": \"Duo\", ", ""));

        VerificationResult result = mfa.verify(principal("bob"), "333333");

        assertThat(result.reason()).isEqualTo(Reason.PROVIDER_ERROR);
        assertThat(result.allowed()).isFalse();
    }

    @Test
    void healthChecksPingAndCheck() throws Exception {
        HealthStatus health = mfa.configurations().health(DuoAgainstSimulator.CONFIGURATION).get(10, TimeUnit.SECONDS);

        assertThat(health.state()).isEqualTo(HealthStatus.State.HEALTHY);
    }

    @Test
    void everyRequestDuoReceivedWasSignedCorrectly() throws Exception {
        // Earlier tests' requests are set aside (one of them is signed with a wrong key on purpose):
        // this test judges only its own, whatever order the tests run in.
        while (duo.takeRequest(Duration.ZERO) != null) {
            // drained
        }
        int before = duo.requestCount();
        mfa.verify(principal("bob"), "987650");
        duo.scriptNextPush("bob", PushBehaviour.approve());
        mfa.verify(principal("bob"), "push");

        assertThat(duo.requestCount()).isGreaterThan(before);
        Set<String> judged = new TreeSet<>();
        while (true) {
            var request = duo.takeRequest(Duration.ofMillis(100));
            if (request == null) {
                break;
            }
            if (!request.path().endsWith("/ping")) {
                assertThat(request.signatureVerified()).as(request.path()).isTrue();
                judged.add(request.path());
            }
        }
        // At least the push's three kinds of call were judged, not an empty log.
        assertThat(judged).contains("/auth/v2/preauth", "/auth/v2/auth", "/auth/v2/auth_status");
    }
}
