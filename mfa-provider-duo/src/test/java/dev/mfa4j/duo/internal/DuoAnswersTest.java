package dev.mfa4j.duo.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.mfa4j.duo.internal.DuoStub.ok;
import static dev.mfa4j.duo.internal.Fixtures.await;
import static dev.mfa4j.duo.internal.Fixtures.keyword;
import static dev.mfa4j.duo.internal.Fixtures.passcode;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.spi.VerificationOutcome;
import dev.mfa4j.testkit.ManualTicker;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every result and status Duo can answer, every error code, and every broken answer, each
 * mapped to its outcome. The rule under test: only {@code result: allow} with status
 * {@code allow} or {@code bypass} lets anyone in.
 */
class DuoAnswersTest {

    /** Duo's whole answer, envelope included, approving. */
    private static final String OK_ALLOW = """
            {"stat": "OK", "response": {"result": "allow", "status": "allow"}}""";

    static DuoStub duo;
    static ExecutorService executor;
    static DuoVerifier verifier;

    @BeforeAll
    static void start() {
        duo = new DuoStub();
        executor = Fixtures.executor();
        // On a ticker nobody advances: no call of this verifier times out, however slow the machine.
        // The timeout tests use verifiers of their own.
        verifier = Fixtures.open(duo, executor, "RetryBudget", "0s");
    }

    @AfterAll
    static void stop() {
        verifier.close();
        duo.close();
        executor.shutdownNow();
    }

    @BeforeEach
    void reset() {
        duo.server.resetAll();
    }

    private VerificationOutcome passcodeAnswered(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
        duo.server.stubFor(post(urlPathEqualTo("/auth/v2/auth")).willReturn(answer));
        return await(verifier.verify(passcode("123456")));
    }

    /**
     * As {@link #passcodeAnswered}, by a verifier with a 2 s request timeout on the test's ticker.
     * The answers given to it take 20 s of real time or more; once the call has reached the stub,
     * the test moves the ticker 2 s, a nanosecond short first.
     */
    private VerificationOutcome passcodeAnsweredImpatiently(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
        duo.server.stubFor(post(urlPathEqualTo("/auth/v2/auth")).willReturn(answer));
        ManualTicker ticker = new ManualTicker();
        DuoVerifier impatient = Fixtures.open(duo, executor, ticker, "RetryBudget", "0s", "RequestTimeout", "2s");
        try {
            CompletableFuture<VerificationOutcome> outcome = impatient.verify(passcode("123456"));
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> duo.server.findAll(postRequestedFor(urlPathEqualTo("/auth/v2/auth"))).size() == 1);
            Fixtures.pass(impatient, ticker, Duration.ofSeconds(2).minusNanos(1));
            assertThat(outcome).as("a nanosecond before the request timeout").isNotDone();
            Fixtures.pass(impatient, ticker, Duration.ofNanos(1));
            return await(outcome);
        } finally {
            impatient.close();
        }
    }

    @ParameterizedTest(name = "passcode: result {0}, status {1} -> {2}")
    @CsvSource({
        "allow, allow, APPROVED",
        "allow, bypass, PROVIDER_BYPASS",
        "deny, deny, INVALID_PASSCODE",
        "deny, fraud, FRAUD_REPORTED",
        "deny, timeout, TIMED_OUT",
        "deny, locked_out, LOCKED_OUT",
        "deny, push_failed, PUSH_FAILED",
        "deny, sent, PASSCODES_SENT",
        "deny, something_new, DENIED",
        "deny, allow, DENIED",
        "allow, deny, PROVIDER_ERROR",
        "allow, fraud, PROVIDER_ERROR",
        "allow, something_new, PROVIDER_ERROR",
        "allow, '', PROVIDER_ERROR",
        "waiting, pushed, PROVIDER_ERROR",
        "ALLOW, allow, PROVIDER_ERROR",
        "maybe, allow, PROVIDER_ERROR",
        "'', allow, PROVIDER_ERROR",
    })
    void synchronousAuthAnswers(String result, String status, Reason expected) {
        String body = result.isEmpty()
                ? """
                  {"status": "%s", "status_msg": "x"}""".formatted(status)
                : """
                  {"result": "%s", "status": "%s", "status_msg": "x"}""".formatted(result, status);
        VerificationOutcome outcome = passcodeAnswered(ok(body));
        assertThat(outcome.reason()).isEqualTo(expected);
        assertThat(outcome.reason().allowsLogin()).isEqualTo(expected == Reason.APPROVED || expected == Reason.PROVIDER_BYPASS);
    }

    @ParameterizedTest(name = "push: auth_status {0}/{1} -> {2}")
    @CsvSource({
        "allow, allow, APPROVED",
        "allow, bypass, PROVIDER_BYPASS",
        "deny, deny, DENIED",
        "deny, fraud, FRAUD_REPORTED",
        "deny, timeout, TIMED_OUT",
        "deny, locked_out, LOCKED_OUT",
        "deny, push_failed, PUSH_FAILED",
        "deny, unheard_of, DENIED",
        "allow, pushed, PROVIDER_ERROR",
        "unheard_of, allow, PROVIDER_ERROR",
    })
    void pushFinalAnswers(String result, String status, Reason expected) {
        duo.server.stubFor(post(urlPathEqualTo("/auth/v2/preauth")).willReturn(ok(DuoVerifierFlowsTest.PREAUTH_AUTH)));
        duo.server.stubFor(post(urlPathEqualTo("/auth/v2/auth")).willReturn(ok(Answers.txid(DuoVerifierFlowsTest.TXID))));
        duo.server.stubFor(get(urlPathEqualTo("/auth/v2/auth_status"))
                .willReturn(ok("""
                        {"result": "%s", "status": "%s"}""".formatted(result, status))));
        assertThat(await(verifier.verify(keyword("push"))).reason()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "HTTP {0}, code {1} -> {3}")
    @CsvSource({
        "400, 40002, Invalid request parameters, PROVIDER_ERROR",
        "401, 40101, Missing request credentials, PROVIDER_ERROR",
        "401, 40102, Invalid identity in request credentials, PROVIDER_ERROR",
        "401, 40103, Invalid signature in request credentials, PROVIDER_ERROR",
        "403, 40301, Access forbidden, PROVIDER_ERROR",
        "429, 42901, Too Many Requests, RATE_LIMITED",
        "500, 50001, Unknown internal server error, PROVIDER_UNAVAILABLE",
        "503, 0, Service unavailable, PROVIDER_UNAVAILABLE",
        "400, 40099, Something new, PROVIDER_ERROR",
        "200, 40002, FAIL with a 200, PROVIDER_ERROR",
    })
    void failCodes(int http, int code, String message, Reason expected) {
        VerificationOutcome outcome = passcodeAnswered(DuoStub.fail(http, code, message));
        assertThat(outcome.reason()).isEqualTo(expected);
        assertThat(outcome.message()).contains(String.valueOf(code));
    }

    @Test
    void noCapableDeviceIsItsOwnReason() {
        VerificationOutcome outcome = passcodeAnswered(aResponse().withStatus(400).withBody("""
                {"stat": "FAIL", "code": 40002, "message": "Invalid request parameters", "message_detail": "no capable device"}"""));
        assertThat(outcome.reason()).isEqualTo(Reason.NO_CAPABLE_DEVICE);
    }

    @Test
    void codeAsAStringIsRead() {
        VerificationOutcome outcome = passcodeAnswered(aResponse().withStatus(401)
                .withBody("""
                        {"stat": "FAIL", "code": "40103", "message": "Invalid signature in request credentials"}"""));
        assertThat(outcome.reason()).isEqualTo(Reason.PROVIDER_ERROR);
        assertThat(outcome.message()).contains("40103");
    }

    @Test
    void aSignatureRefusalWithAFarDateSaysClockSkew() {
        String duoDate = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().plus(Duration.ofMinutes(20)).atOffset(ZoneOffset.UTC));
        VerificationOutcome outcome = passcodeAnswered(DuoStub.fail(401, 40103, "Invalid signature in request credentials")
                .withHeader("Date", duoDate));
        assertThat(outcome.reason()).isEqualTo(Reason.PROVIDER_ERROR);
        assertThat(outcome.message()).contains("clock skew");
    }

    @Test
    void failWithAnAllowInsideIsNeverAnApproval() {
        VerificationOutcome outcome = passcodeAnswered(aResponse().withStatus(200).withBody("""
                {"stat": "FAIL", "code": 40002, "message": "x", "response": {"result": "allow", "status": "allow"}}"""));
        assertThat(outcome.reason().allowsLogin()).isFalse();
    }

    @Test
    void duplicateKeysAreRefused() {
        VerificationOutcome outcome = passcodeAnswered(aResponse().withStatus(200)
                .withBody("""
                        {"stat": "OK", "response": {"result": "deny", "result": "allow", "status": "allow"}}"""));
        assertThat(outcome.reason()).isEqualTo(Reason.PROVIDER_ERROR);
    }

    @Test
    void statOkWithAServerErrorStatusIsRefused() {
        VerificationOutcome outcome = passcodeAnswered(aResponse().withStatus(500)
                .withBody(OK_ALLOW));
        assertThat(outcome.reason()).isEqualTo(Reason.PROVIDER_ERROR);
    }

    @Test
    void unknownStatIsRefused() {
        assertThat(passcodeAnswered(aResponse().withStatus(200).withBody("""
                {"stat": "MAYBE", "response": {"result": "allow"}}"""))
                .reason()).isEqualTo(Reason.PROVIDER_ERROR);
    }

    @Test
    void malformedJsonIsAnErrorNotAnOutage() {
        // Something answered: whatever it was, it is no reason to fail open.
        assertThat(passcodeAnswered(aResponse().withStatus(200).withBody("""
                {"stat": "OK", "response": {"result": "allow\""""))
                .reason()).isEqualTo(Reason.PROVIDER_ERROR);
        assertThat(passcodeAnswered(aResponse().withStatus(200).withBody("""
                {"stat": "OK"} trailing""")).reason())
                .isEqualTo(Reason.PROVIDER_ERROR);
        assertThat(passcodeAnswered(aResponse().withStatus(200).withBody("[1,2]")).reason()).isEqualTo(Reason.PROVIDER_ERROR);
        assertThat(passcodeAnswered(ok("null")).reason()).isEqualTo(Reason.PROVIDER_ERROR);
    }

    @Test
    void anHtml502PageIsUnavailable() {
        VerificationOutcome outcome = passcodeAnswered(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                .withBody("<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>"));
        assertThat(outcome.reason()).isEqualTo(Reason.PROVIDER_UNAVAILABLE);
        assertThat(outcome.message()).contains("502");
    }

    @Test
    void connectionResetIsUnavailableAndNotRetried() {
        assertThat(passcodeAnswered(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).reason())
                .isEqualTo(Reason.PROVIDER_UNAVAILABLE);
        duo.server.verify(1, postRequestedFor(urlPathEqualTo("/auth/v2/auth")));
    }

    @Test
    void garbageAfterHeadersIsUnavailable() {
        assertThat(passcodeAnswered(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)).reason())
                .isEqualTo(Reason.PROVIDER_UNAVAILABLE);
    }

    @Test
    void aHugeBodyIsCutOffAndAnError() {
        byte[] huge = new byte[(int) DuoTransport.MAX_BODY_BYTES * 4];
        java.util.Arrays.fill(huge, (byte) ' ');
        VerificationOutcome outcome = passcodeAnswered(aResponse().withStatus(200).withBody(huge));
        assertThat(outcome.reason()).isEqualTo(Reason.PROVIDER_ERROR);
        assertThat(outcome.message()).contains("larger than");
    }

    @Test
    void aResponseSlowerThanTheTimeoutIsUnavailableAndNotRetried() {
        VerificationOutcome outcome = passcodeAnsweredImpatiently(ok(Answers.ALLOW).withFixedDelay(20_000));
        assertThat(outcome.reason()).isEqualTo(Reason.PROVIDER_UNAVAILABLE);
        assertThat(outcome.message()).contains("within 2000 ms");
        duo.server.verify(1, postRequestedFor(urlPathEqualTo("/auth/v2/auth")));
    }

    @Test
    void aBodyThatDribblesPastTheTimeoutIsUnavailable() {
        VerificationOutcome outcome = passcodeAnsweredImpatiently(ok(Answers.ALLOW)
                .withChunkedDribbleDelay(5, 20_000));
        assertThat(outcome.reason()).isEqualTo(Reason.PROVIDER_UNAVAILABLE);
    }

    @Test
    void anAllowUnderAnotherContentTypeIsNeverUsed() {
        for (String type : new String[] {"text/html", "text/plain", ""}) {
            var response = aResponse().withStatus(200).withBody(OK_ALLOW);
            VerificationOutcome outcome = passcodeAnswered(type.isEmpty() ? response : response.withHeader("Content-Type", type));

            assertThat(outcome.reason()).as(type).isEqualTo(Reason.PROVIDER_ERROR);
        }
        assertThat(passcodeAnswered(ok(Answers.ALLOW)).reason()).isEqualTo(Reason.APPROVED);
    }

    @Test
    void answersWithMissingFieldsAreNeverApprovals() {
        for (String response : """
                {}
                {"status": "allow"}
                {"result": null, "status": "allow"}
                {"result": "ALLOW", "status": "allow"}
                {"result": ["allow"]}
                "allow"
                """.lines().toList()) {
            VerificationOutcome outcome = passcodeAnswered(ok(response));

            assertThat(outcome).as(response).isNotInstanceOf(VerificationOutcome.Approved.class);
        }
    }

    @Test
    void anAsyncAuthWithoutTxidIsAnError() {
        duo.server.stubFor(post(urlPathEqualTo("/auth/v2/preauth")).willReturn(ok(DuoVerifierFlowsTest.PREAUTH_AUTH)));
        duo.server.stubFor(post(urlPathEqualTo("/auth/v2/auth")).willReturn(ok(Answers.ALLOW)));
        assertThat(await(verifier.verify(keyword("push"))).reason()).isEqualTo(Reason.PROVIDER_ERROR);
    }
}
