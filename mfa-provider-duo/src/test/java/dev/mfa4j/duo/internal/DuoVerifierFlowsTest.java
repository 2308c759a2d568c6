package dev.mfa4j.duo.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.mfa4j.duo.internal.DuoStub.fail;
import static dev.mfa4j.duo.internal.DuoStub.ok;
import static dev.mfa4j.duo.internal.Fixtures.await;
import static dev.mfa4j.duo.internal.Fixtures.keyword;
import static dev.mfa4j.duo.internal.Fixtures.passcode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.Credential;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.VerificationContext;
import dev.mfa4j.api.VerificationProgress;
import dev.mfa4j.api.spi.HealthStatus;
import dev.mfa4j.api.spi.VerificationOutcome;
import dev.mfa4j.api.spi.VerificationRequest;
import dev.mfa4j.testkit.ManualTicker;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The verification flows against a WireMock Duo over HTTPS: passcode, push, phone, sms, preauth, health. */
class DuoVerifierFlowsTest {

    static final String PHONE_1 = "DPFZRS9FB0D46QFTM891";
    static final String TOKEN = "DHEKH0JJIYC1LX3AZWO4";
    static final String PHONE_2 = "DP2NDEVICE0000000002";

    /** Two push-capable phones around a token; the second phone has no sms. */
    static final String PREAUTH_AUTH = preauthAuth("");

    /** @return preauth's "auth" answer with the three devices, after {@code members} (ending with a comma) */
    static String preauthAuth(String members) {
        return """
                {%s"result": "auth", "status_msg": "Account is active", "devices": [
                  {"device": "%s", "type": "phone", "number": "XXX-XXX-0100", "name": "",
                   "capabilities": ["auto", "push", "sms", "phone"]},
                  {"device": "%s", "type": "token", "name": "0"},
                  {"device": "%s", "type": "phone", "number": "XXX-XXX-0200", "capabilities": ["push", "phone"]}
                ]}""".formatted(members, PHONE_1, TOKEN, PHONE_2);
    }
    static final String TXID = "45f7c92b-f45f-4862-8545-e0f58e78075a";

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

    private DuoVerifier verifier(String... extra) {
        return Fixtures.open(duo, executor, extra);
    }

    private void stubPushStarts() {
        duo.server.stubFor(post(urlPathEqualTo("/auth/v2/preauth")).willReturn(ok(PREAUTH_AUTH)));
        duo.server.stubFor(post(urlPathEqualTo("/auth/v2/auth")).willReturn(ok(Answers.txid(TXID))));
    }

    private void stubStatuses(String... responses) {
        String state = STARTED;
        for (int i = 0; i < responses.length; i++) {
            String next = "poll-" + (i + 1);
            duo.server.stubFor(get(urlPathEqualTo("/auth/v2/auth_status")).inScenario("push").whenScenarioStateIs(state)
                    .willReturn(ok(responses[i])).willSetStateTo(next));
            state = next;
        }
    }

    @Test
    void passcodeApproved() {
        duo.server.stubFor(post(urlPathEqualTo("/auth/v2/auth"))
                .willReturn(ok(Answers.ALLOW_LOGGING_IN)));
        VerificationOutcome outcome = await(verifier().verify(passcode("123456")));
        assertThat(outcome).isInstanceOf(VerificationOutcome.Approved.class);
        assertThat(outcome.reason()).isEqualTo(Reason.APPROVED);
        duo.server.verify(1, postRequestedFor(urlPathEqualTo("/auth/v2/auth"))
                .withRequestBody(matchingJsonPath("$.factor", equalTo("passcode")))
                .withRequestBody(matchingJsonPath("$.passcode", equalTo("123456")))
                .withRequestBody(matchingJsonPath("$.user_id", equalTo(Fixtures.USER_ID)))
                .withRequestBody(matchingJsonPath("$.ipaddr", equalTo("203.0.113.7"))));
    }

    @Test
    void wrongPasscode() {
        duo.server.stubFor(post(urlPathEqualTo("/auth/v2/auth"))
                .willReturn(ok("""
                        {"result": "deny", "status": "deny", "status_msg": "Incorrect passcode. Please try again."}""")));
        assertThat(await(verifier().verify(passcode("000000"))).reason()).isEqualTo(Reason.INVALID_PASSCODE);
    }

    @Test
    void pushApprovedAfterWaitingWithProgress() {
        stubPushStarts();
        stubStatuses("""
                {"result": "waiting", "status": "pushed", "status_msg": "Pushed a login request to your phone..."}""",
                Answers.ALLOW_LOGGING_IN);
        List<VerificationProgress> progress = new CopyOnWriteArrayList<>();
        VerificationOutcome outcome = await(verifier().verify(Fixtures.request(Credential.PUSH, progress::add)));
        assertThat(outcome.reason()).isEqualTo(Reason.APPROVED);
        assertThat(progress).hasSize(2);
        assertThat(progress.get(0)).isInstanceOf(VerificationProgress.ChallengeSent.class);
        assertThat(((VerificationProgress.ChallengeSent) progress.get(0)).factor()).isEqualTo("push");
        assertThat(progress.get(1)).isInstanceOfSatisfying(VerificationProgress.Waiting.class,
                w -> assertThat(w.message()).contains("Pushed a login request"));
        duo.server.verify(postRequestedFor(urlPathEqualTo("/auth/v2/auth"))
                .withRequestBody(matchingJsonPath("$.factor", equalTo("push")))
                .withRequestBody(matchingJsonPath("$.device", equalTo(PHONE_1)))
                .withRequestBody(matchingJsonPath("$.async", equalTo("1"))));
        duo.server.verify(2, getRequestedFor(urlPathEqualTo("/auth/v2/auth_status")).withQueryParam("txid", equalTo(TXID)));
    }

    @Test
    void pushDenied() {
        stubPushStarts();
        stubStatuses("""
                {"result": "deny", "status": "deny", "status_msg": "Login request denied."}""");
        assertThat(await(verifier().verify(keyword("push"))).reason()).isEqualTo(Reason.DENIED);
    }

    @Test
    void push2PicksTheSecondPushCapableDevice() {
        stubPushStarts();
        stubStatuses(Answers.ALLOW);
        assertThat(await(verifier().verify(keyword("push2"))).reason()).isEqualTo(Reason.APPROVED);
        duo.server.verify(postRequestedFor(urlPathEqualTo("/auth/v2/auth")).withRequestBody(matchingJsonPath("$.device", equalTo(PHONE_2))));
    }

    @Test
    void push3WithTwoPushDevicesIsNoCapableDeviceWithoutAuth() {
        stubPushStarts();
        assertThat(await(verifier().verify(keyword("push3"))).reason()).isEqualTo(Reason.NO_CAPABLE_DEVICE);
        duo.server.verify(0, postRequestedFor(urlPathEqualTo("/auth/v2/auth")));
    }

    @Test
    void sms2WithOneSmsDeviceIsNoCapableDevice() {
        stubPushStarts();
        assertThat(await(verifier().verify(keyword("sms2"))).reason()).isEqualTo(Reason.NO_CAPABLE_DEVICE);
    }

    @Test
    void preauthAllowIsProviderBypassWithoutAuth() {
        duo.server.stubFor(post(urlPathEqualTo("/auth/v2/preauth"))
                .willReturn(ok("""
                        {"result": "allow", "status_msg": "Allowing unknown user"}""")));
        VerificationOutcome outcome = await(verifier().verify(keyword("push")));
        assertThat(outcome).isInstanceOf(VerificationOutcome.Approved.class);
        assertThat(outcome.reason()).isEqualTo(Reason.PROVIDER_BYPASS);
        duo.server.verify(0, postRequestedFor(urlPathEqualTo("/auth/v2/auth")));
    }

    @Test
    void preauthDeny() {
        duo.server.stubFor(post(urlPathEqualTo("/auth/v2/preauth")).willReturn(ok("""
                {"result": "deny", "status_msg": "Locked out"}""")));
        assertThat(await(verifier().verify(keyword("phone"))).reason()).isEqualTo(Reason.DENIED);
    }

    @Test
    void preauthEnrollCarriesThePortalUrl() {
        duo.server.stubFor(post(urlPathEqualTo("/auth/v2/preauth")).willReturn(ok("""
                {"enroll_portal_url": "https://api-3945ef22.duosecurity.com/portal?48bac5d9393fb2c2", "result": "enroll",
                 "status_msg": "Enroll an authentication device to proceed"}""")));
        VerificationOutcome outcome = await(verifier().verify(keyword("push")));
        assertThat(outcome).isInstanceOfSatisfying(VerificationOutcome.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(Reason.ENROLLMENT_REQUIRED);
            assertThat(r.enrollmentUrl()).contains(URI.create("https://api-3945ef22.duosecurity.com/portal?48bac5d9393fb2c2"));
        });
    }

    @Test
    void enrollWithANonHttpsUrlDropsTheUrl() {
        duo.server.stubFor(post(urlPathEqualTo("/auth/v2/preauth"))
                .willReturn(ok("""
                        {"enroll_portal_url": "javascript:alert(1)", "result": "enroll"}""")));
        VerificationOutcome outcome = await(verifier().verify(keyword("push")));
        assertThat(outcome).isInstanceOfSatisfying(VerificationOutcome.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(Reason.ENROLLMENT_REQUIRED);
            assertThat(r.enrollmentUrl()).isEmpty();
        });
    }

    @Test
    void unknownPreauthResultIsAnErrorNeverAnApproval() {
        duo.server.stubFor(post(urlPathEqualTo("/auth/v2/preauth")).willReturn(ok("""
                {"result": "ok-ish"}""")));
        assertThat(await(verifier().verify(keyword("push"))).reason()).isEqualTo(Reason.PROVIDER_ERROR);
    }

    @Test
    void smsSendsPasscodesAndAsksForOne() {
        duo.server.stubFor(post(urlPathEqualTo("/auth/v2/preauth")).willReturn(ok(PREAUTH_AUTH)));
        duo.server.stubFor(post(urlPathEqualTo("/auth/v2/auth"))
                .willReturn(ok("""
                        {"result": "deny", "status": "sent", "status_msg": "New SMS passcodes sent."}""")));
        assertThat(await(verifier().verify(keyword("sms"))).reason()).isEqualTo(Reason.PASSCODES_SENT);
        duo.server.verify(postRequestedFor(urlPathEqualTo("/auth/v2/auth"))
                .withRequestBody(matchingJsonPath("$.factor", equalTo("sms")))
                .withRequestBody(matchingJsonPath("$.device", equalTo(PHONE_1))));
    }

    @Test
    void phoneCallApprovedAfterCallingAndAnswered() {
        stubPushStarts();
        stubStatuses("""
                {"result": "waiting", "status": "calling", "status_msg": "Calling..."}""", """
                {"result": "waiting", "status": "answered", "status_msg": "Answered"}""", Answers.ALLOW);
        List<VerificationProgress> progress = new CopyOnWriteArrayList<>();
        assertThat(await(verifier().verify(Fixtures.request(new Credential.Keyword("phone2"), progress::add))).reason())
                .isEqualTo(Reason.APPROVED);
        assertThat(progress).hasSize(3);
        duo.server.verify(postRequestedFor(urlPathEqualTo("/auth/v2/auth"))
                .withRequestBody(matchingJsonPath("$.factor", equalTo("phone")))
                .withRequestBody(matchingJsonPath("$.device", equalTo(PHONE_2))));
    }

    @Test
    void verifiedPushPassesTheTxidAndReportsTheCode() {
        duo.server.stubFor(post(urlPathEqualTo("/auth/v2/preauth"))
                .willReturn(ok(preauthAuth("""
                        "txid": "vp-123","""))));
        duo.server.stubFor(post(urlPathEqualTo("/auth/v2/auth")).willReturn(ok(Answers.txid(TXID))));
        stubStatuses("""
                {"result": "waiting", "status": "pushed", "status_msg": "Please enter verification code 708 into Duo Mobile..."}""",
                Answers.ALLOW);
        List<VerificationProgress> progress = new CopyOnWriteArrayList<>();
        VerificationOutcome outcome = await(verifier("VerifiedPush", "on").verify(Fixtures.request(Credential.PUSH, progress::add)));
        assertThat(outcome.reason()).isEqualTo(Reason.APPROVED);
        assertThat(progress).filteredOn(p -> p instanceof VerificationProgress.VerificationCode)
                .containsExactly(new VerificationProgress.VerificationCode("708"));
        duo.server.verify(postRequestedFor(urlPathEqualTo("/auth/v2/preauth"))
                .withRequestBody(matchingJsonPath("$.client_supports_verified_push", equalTo("1"))));
        duo.server.verify(postRequestedFor(urlPathEqualTo("/auth/v2/auth")).withRequestBody(matchingJsonPath("$.txid", equalTo("vp-123"))));
    }

    @Test
    void pushLabelsAndUsernameAreSent() {
        stubPushStarts();
        stubStatuses(Answers.ALLOW);
        DuoVerifier verifier = verifier("PushType", "Vault login", "PushInfo", "from=login%20portal&domain=example.com",
                "UserIdentifier", "username");
        assertThat(await(verifier.verify(keyword("push"))).reason()).isEqualTo(Reason.APPROVED);
        duo.server.verify(postRequestedFor(urlPathEqualTo("/auth/v2/auth"))
                .withRequestBody(matchingJsonPath("$.type", equalTo("Vault login")))
                .withRequestBody(matchingJsonPath("$.pushinfo", equalTo("from=login%20portal&domain=example.com")))
                .withRequestBody(matchingJsonPath("$.username", equalTo(Fixtures.USER_ID))));
    }

    @Test
    void anIpv6ClientAddressIsNotSent() {
        duo.server.stubFor(post(urlPathEqualTo("/auth/v2/auth")).willReturn(ok(Answers.ALLOW)));
        VerificationRequest request = new VerificationRequest(Fixtures.BOB, Fixtures.USER_ID, new Credential.Passcode("123456"),
                VerificationContext.builder().clientIp("2001:db8::7").build());
        assertThat(await(verifier().verify(request)).reason()).isEqualTo(Reason.APPROVED);
        assertThat(duo.server.getAllServeEvents().get(0).getRequest().getBodyAsString()).doesNotContain("ipaddr");
    }

    @Test
    void pushWithoutAFinalAnswerTimesOutAtThePushDeadlineAndNotBefore() {
        stubPushStarts();
        // Duo holds the long-poll: its answer comes long after this test has ended.
        duo.server.stubFor(get(urlPathEqualTo("/auth/v2/auth_status"))
                .willReturn(ok(Answers.WAITING).withFixedDelay(30_000)));
        ManualTicker ticker = new ManualTicker();
        DuoVerifier verifier = Fixtures.open(duo, executor, ticker, "PushTimeout", "10s");

        CompletableFuture<VerificationOutcome> outcome = verifier.verify(keyword("push"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> requests("/auth/v2/auth_status") == 1);
        Fixtures.pass(verifier, ticker, Duration.ofSeconds(10).minusNanos(1));
        assertThat(outcome).as("a nanosecond before the push deadline").isNotDone();

        Fixtures.pass(verifier, ticker, Duration.ofNanos(1));
        VerificationOutcome timedOut = await(outcome);
        assertThat(timedOut.reason()).isEqualTo(Reason.TIMED_OUT);
        assertThat(timedOut.message()).contains("PushTimeout 10s");
    }

    @Test
    void pollsAreSpacedByTheLeastPollIntervalWhenDuoAnswersWaitingAtOnce() {
        stubPushStarts();
        stubStatuses(Answers.WAITING, Answers.WAITING, Answers.ALLOW);
        ManualTicker ticker = new ManualTicker();
        Tuning tuning = Fixtures.tuning(executor, Clock.systemUTC(), ticker);
        Tuning paced = new Tuning(tuning.clock(), ticker, tuning.executor(), tuning.retryInitial(), Duration.ofSeconds(1),
                tuning.userAgent(), tuning.jitter(), tuning.maxExchanges());
        DuoVerifier verifier = DuoVerifiers.open(Fixtures.config(duo.host()), paced);

        CompletableFuture<VerificationOutcome> outcome = verifier.verify(keyword("push"));
        for (int poll = 1; poll <= 2; poll++) {
            // Duo answered "waiting" at once: the verifier pauses, on its ticker, before asking again.
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> verifier.timer().pauses() == 1);
            assertThat(requests("/auth/v2/auth_status")).isEqualTo(poll);
            Fixtures.pass(verifier, ticker, Duration.ofMillis(999));
            assertThat(verifier.timer().pauses()).as("999 ms after poll " + poll).isEqualTo(1);
            assertThat(requests("/auth/v2/auth_status")).isEqualTo(poll);
            Fixtures.pass(verifier, ticker, Duration.ofMillis(1));
        }

        assertThat(await(outcome).reason()).isEqualTo(Reason.APPROVED);
        assertThat(requests("/auth/v2/auth_status")).isEqualTo(3);
    }

    private static int requests(String path) {
        return duo.server.findAll(getRequestedFor(urlPathEqualTo(path))).size();
    }

    @Test
    void anInvalidProviderUserIdIsAConfigurationError() {
        VerificationRequest request = new VerificationRequest(PrincipalId.parse("principal/internal/user/bob"), "DU\nX",
                new Credential.Passcode("123456"), VerificationContext.empty());
        assertThat(await(verifier().verify(request)).reason()).isEqualTo(Reason.CONFIGURATION_ERROR);
        assertThat(duo.server.getAllServeEvents()).isEmpty();
    }

    @Test
    void anUnknownKeywordIsAnErrorWithoutACall() {
        assertThat(await(verifier().verify(keyword("yubikey"))).reason()).isEqualTo(Reason.PROVIDER_ERROR);
        assertThat(duo.server.getAllServeEvents()).isEmpty();
    }

    @Test
    void healthyWhenPingAndCheckSucceed() throws Exception {
        duo.server.stubFor(get(urlPathEqualTo("/auth/v2/ping")).willReturn(ok(Answers.timeNow())));
        duo.server.stubFor(get(urlPathEqualTo("/auth/v2/check")).willReturn(ok(Answers.timeNow())));
        HealthStatus health = verifier().health().get(30, TimeUnit.SECONDS);
        assertThat(health.state()).isEqualTo(HealthStatus.State.HEALTHY);
        // ping is unsigned, check is signed
        assertThat(duo.server.findAll(getRequestedFor(urlPathEqualTo("/auth/v2/ping"))).get(0).containsHeader("Authorization")).isFalse();
        assertThat(duo.server.findAll(getRequestedFor(urlPathEqualTo("/auth/v2/check"))).get(0).containsHeader("Authorization")).isTrue();
    }

    @Test
    void unhealthyWhenCheckRefusesTheKeys() throws Exception {
        duo.server.stubFor(get(urlPathEqualTo("/auth/v2/ping")).willReturn(ok(Answers.time(1357020061))));
        duo.server.stubFor(get(urlPathEqualTo("/auth/v2/check")).willReturn(fail(401, 40103, "Invalid signature in request credentials")));
        HealthStatus health = verifier().health().get(30, TimeUnit.SECONDS);
        assertThat(health.state()).isEqualTo(HealthStatus.State.UNHEALTHY);
        assertThat(health.message()).contains("40103").contains("clock skew");
    }

    @Test
    void unhealthyWhenPingFails() throws Exception {
        duo.server.stubFor(get(urlPathEqualTo("/auth/v2/ping")).willReturn(fail(503, 50001, "Unknown internal server error")));
        assertThat(verifier().health().get(30, TimeUnit.SECONDS).state()).isEqualTo(HealthStatus.State.UNHEALTHY);
        duo.server.verify(0, getRequestedFor(urlPathEqualTo("/auth/v2/check")));
    }

    @Test
    void closedVerifierRefusesNewWorkButFinishesWorkInFlight() {
        stubPushStarts();
        stubStatuses(Answers.WAITING, Answers.ALLOW);
        ManualTicker ticker = new ManualTicker();
        Tuning tuning = Fixtures.tuning(executor, Clock.systemUTC(), ticker);
        DuoVerifier verifier = DuoVerifiers.open(Fixtures.config(duo.host()), new Tuning(tuning.clock(), ticker, tuning.executor(),
                tuning.retryInitial(), Duration.ofSeconds(1), tuning.userAgent(), tuning.jitter(), tuning.maxExchanges()));
        CompletableFuture<VerificationOutcome> pending = verifier.verify(keyword("push"));
        // In flight for certain: it pauses between two polls until the test moves its ticker.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> verifier.timer().pauses() == 1);

        verifier.close();

        assertThat(await(verifier.verify(passcode("123456"))).reason()).as("closed is no outage").isEqualTo(Reason.PROVIDER_ERROR);
        assertThat(pending).isNotDone();
        Fixtures.pass(verifier, ticker, Duration.ofSeconds(1));
        assertThat(await(pending).reason()).isEqualTo(Reason.APPROVED);
    }
}
