package dev.mfa4j.duo.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.mfa4j.duo.internal.DuoStub.ok;
import static dev.mfa4j.duo.internal.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.Credential;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.VerificationContext;
import dev.mfa4j.api.spi.VerificationOutcome;
import dev.mfa4j.api.spi.VerificationRequest;
import dev.mfa4j.testkit.ManualTicker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * With canary values for the secret key and the passcode, run successes and every kind of
 * failure, then look for the canaries (and the Authorization header) in the log file (every
 * mfa4j logger at TRACE), in outcome messages, in exception messages and stack traces, and in
 * {@code toString()}.
 */
class SecretsNeverLeakTest {

    private static final String SKEY_CANARY = "CanarySecretKey0000000000000000000000042";
    private static final String PASSCODE_CANARY = "98127364";

    @Test
    void canariesAppearNowhere() throws Exception {
        assertThat(SKEY_CANARY).hasSize(40);
        ExecutorService executor = Fixtures.executor();
        List<String> seen = new ArrayList<>();
        try (DuoStub duo = new DuoStub()) {
            Map<String, String> options = new LinkedHashMap<>();
            options.put("Host", duo.host());
            options.put("IntegrationKey", Fixtures.IKEY);
            options.put("SecretKey", SKEY_CANARY);
            options.put("CaCertificates", TestPki.TRUSTED.pem());
            options.put("RetryBudget", "0s");
            options.put("RequestTimeout", "2s");
            MfaConfiguration configuration = MfaConfiguration.of("canary", "duo", options);
            ManualTicker ticker = new ManualTicker();
            DuoVerifier verifier = DuoVerifiers.open(configuration, Fixtures.tuning(executor, Clock.systemUTC(), ticker));
            seen.add(verifier.toString());
            seen.add(DuoSettings.from(configuration).toString());
            seen.add(configuration.toString());

            String[] answers = {
                """
                {"stat":"FAIL","code":40002,"message":"Invalid request parameters","message_detail":"passcode %s"}""".formatted(PASSCODE_CANARY),
                """
                {"stat":"FAIL","code":40103,"message":"Invalid signature in request credentials"}""",
                """
                {"stat":"OK","response":{"result":"deny","status":"deny","status_msg":"Wrong passcode %s"}}""".formatted(PASSCODE_CANARY),
                """
                {"stat":"OK","response":{"result":"allow","status":"allow"}}""",
                "<html>502 " + PASSCODE_CANARY + "</html>",
            };
            int[] statuses = {400, 401, 200, 200, 502};
            String state = STARTED;
            for (int i = 0; i < answers.length; i++) {
                duo.server.stubFor(post(urlPathEqualTo("/auth/v2/auth")).inScenario("canary").whenScenarioStateIs(state)
                        .willReturn(aResponse().withStatus(statuses[i]).withBody(answers[i])).willSetStateTo("s" + i));
                state = "s" + i;
            }
            duo.server.stubFor(post(urlPathEqualTo("/auth/v2/auth")).inScenario("canary").whenScenarioStateIs(state)
                    .willReturn(ok(Answers.ALLOW).withFixedDelay(20_000)));
            VerificationRequest request = new VerificationRequest(PrincipalId.parse("principal/internal/user/bob"), Fixtures.USER_ID,
                    new Credential.Passcode(PASSCODE_CANARY), VerificationContext.empty());
            seen.add(request.toString());
            for (int i = 0; i <= answers.length; i++) {
                CompletableFuture<VerificationOutcome> pending = verifier.verify(request);
                if (i == answers.length) {
                    // The last answer would come after 20 s: the 2 s request timeout, on the test's
                    // ticker, ends that call once it has reached the stub.
                    int calls = i + 1;
                    Awaitility.await().atMost(Duration.ofSeconds(30))
                            .until(() -> duo.server.findAll(postRequestedFor(urlPathEqualTo("/auth/v2/auth"))).size() == calls);
                    Fixtures.pass(verifier, ticker, Duration.ofSeconds(2));
                }
                VerificationOutcome outcome = await(pending);
                seen.add(outcome.toString());
                seen.add(outcome.message());
                if (outcome instanceof VerificationOutcome.NoVerdict u && u.cause().isPresent()) {
                    StringWriter trace = new StringWriter();
                    u.cause().get().printStackTrace(new PrintWriter(trace));
                    seen.add(trace.toString());
                }
            }
            verifier.health().get();
            verifier.close();

            String authorization = duo.server.findAll(anyRequestedFor(anyUrl())).get(0).getHeader("Authorization");
            String signature = new String(java.util.Base64.getDecoder().decode(authorization.substring("Basic ".length())),
                    StandardCharsets.US_ASCII).split(":")[1];
            String log = Files.readString(Path.of("target/duo-test.log"), StandardCharsets.UTF_8);
            // The refused signature was logged at ERROR, naming the configuration but no key.
            assertThat(log.lines().filter(l -> l.contains("ERROR") && l.contains("MFA-DUO-001") && l.contains("'canary'") && l.contains("40103"))).hasSize(1);
            for (String text : seen) {
                assertThat(text).doesNotContain(SKEY_CANARY).doesNotContain(PASSCODE_CANARY).doesNotContain(signature);
            }
            assertThat(log).doesNotContain(SKEY_CANARY).doesNotContain(PASSCODE_CANARY).doesNotContain(signature)
                    .doesNotContain(authorization).doesNotContain("Basic ");
        } finally {
            executor.shutdownNow();
        }
    }
}
