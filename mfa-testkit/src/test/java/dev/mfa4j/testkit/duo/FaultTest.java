package dev.mfa4j.testkit.duo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mfa4j.testkit.ManualTicker;
import dev.mfa4j.testkit.duo.TestClient.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every injected fault, its count, its path filter, and how it is recorded. */
class FaultTest {

    /** The simulator's time: a slow answer comes when a test advances it. */
    final ManualTicker ticker = new ManualTicker();
    DuoSimulator duo;
    TestClient client;

    @BeforeEach
    void start() {
        duo = DuoSimulator.builder().ticker(ticker).user(DuoUser.builder("alice").smartphone().passcodes("1", "2", "3").build()).start();
        client = new TestClient(duo);
    }

    @AfterEach
    void stop() {
        duo.close();
    }

    Reply check() {
        return client.get("/auth/v2/check", Map.of());
    }

    @Test
    void rateLimitedAnswers429WithRetryAfterThenRecovers() throws InterruptedException {
        duo.injectFault(Fault.rateLimited(2, Duration.ofMillis(1500)));
        for (int i = 0; i < 2; i++) {
            Reply reply = check();
            assertThat(reply.status()).isEqualTo(429);
            assertThat(reply.code()).isEqualTo(42901);
            assertThat(reply.json().get("message").asText()).isEqualTo("Too Many Requests");
            assertThat(reply.raw().headers().firstValue("Retry-After")).contains("2");
        }
        assertThat(check().status()).isEqualTo(200);
        RecordedDuoRequest faulted = duo.takeRequest();
        assertThat(faulted.fault()).containsInstanceOf(Fault.RateLimited.class);
        assertThat(faulted.signatureVerified()).isTrue();
    }

    @Test
    void serverErrorUsesTheStatusAndADuoEnvelope() {
        duo.injectFault(Fault.serverError(1, 500));
        duo.injectFault(Fault.serverError(1, 503));
        Reply first = check();
        assertThat(first.status()).isEqualTo(500);
        assertThat(first.code()).isEqualTo(50001);
        Reply second = check();
        assertThat(second.status()).isEqualTo(503);
        assertThat(second.code()).isEqualTo(50301);
        assertThat(check().status()).isEqualTo(200);
    }

    @Test
    void slowAnswersNormallyButLateAndTheEndpointHasAlreadyActed() {
        duo.injectFault(Fault.slow(1, Duration.ofSeconds(30)));
        CompletableFuture<Reply> late = client.postAsync("/auth/v2/auth", Map.of("username", "alice", "factor", "passcode", "passcode", "1"));
        await().atMost(Duration.ofSeconds(30)).until(() -> duo.requestCount("/auth/v2/auth") == 1);

        // The answer is held, but the endpoint has acted: the passcode is already used up, as it
        // would be for a client that gave up waiting and tried again.
        Reply replay = client.post("/auth/v2/auth", Map.of("username", "alice", "factor", "passcode", "passcode", "1"));
        assertThat(replay.response().get("result").asText()).isEqualTo("deny");
        assertThat(late).isNotDone();

        ticker.advance(Duration.ofSeconds(30));
        assertThat(late).succeedsWithin(Duration.ofSeconds(30))
                .satisfies(reply -> assertThat(reply.response().get("result").asText()).isEqualTo("allow"));
    }

    @Test
    void dropConnectionClosesWithoutAnAnswer() {
        duo.injectFault(Fault.dropConnection(1));
        // A POST: java.net.http would silently retry an idempotent GET once on a fresh connection.
        assertThatThrownBy(() -> client.post("/auth/v2/preauth", Map.of("username", "alice")))
                .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(IOException.class);
        assertThat(duo.requestCount()).isEqualTo(1);
        assertThat(client.post("/auth/v2/preauth", Map.of("username", "alice")).status()).isEqualTo(200);
    }

    @Test
    void malformedJsonIs200WithABodyThatDoesNotParse() {
        duo.injectFault(Fault.malformedJson(1));
        Reply reply = check();
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.raw().headers().firstValue("Content-Type")).contains("application/json");
        assertThat(reply.json()).isNull();
    }

    @Test
    void htmlErrorPageIsAProxysPage() {
        duo.injectFault(Fault.htmlErrorPage(1));
        duo.injectFault(Fault.htmlErrorPage(1, 504));
        Reply page = check();
        assertThat(page.status()).isEqualTo(502);
        assertThat(page.raw().headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.raw().body()).contains("<title>502 Bad Gateway</title>");
        assertThat(page.json()).isNull();
        assertThat(check().status()).isEqualTo(504);
    }

    @Test
    void aPathFaultOnlyHitsThatPath() {
        duo.injectFault("/auth/v2/auth_status", Fault.serverError(1, 502));
        assertThat(check().status()).isEqualTo(200);
        assertThat(client.ping().status()).isEqualTo(200);
        Reply async = client.post("/auth/v2/auth", Map.of("username", "alice", "factor", "push", "async", "1"));
        String txid = async.response().get("txid").asText();
        assertThat(client.get("/auth/v2/auth_status", Map.of("txid", txid)).status()).isEqualTo(502);
        assertThat(client.get("/auth/v2/auth_status", Map.of("txid", txid)).status()).isEqualTo(200);
    }

    @Test
    void faultsApplyEvenToUnsignedOrBadlySignedRequests() {
        duo.injectFault(Fault.rateLimited(1, Duration.ZERO));
        assertThat(client.ping().status()).isEqualTo(429);
        duo.injectFault(Fault.serverError(1, 500));
        client.skey = "wrong";
        assertThat(check().status()).isEqualTo(500);
        assertThat(check().status()).isEqualTo(401);
    }

    @Test
    void clearFaultsRemovesQueuedOnes() {
        duo.injectFault(Fault.serverError(5, 500));
        duo.clearFaults();
        assertThat(check().status()).isEqualTo(200);
    }

    @Test
    void faultArgumentsAreChecked() {
        assertThatThrownBy(() -> Fault.serverError(0, 500)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.serverError(1, 404)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.htmlErrorPage(1, 302)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.rateLimited(1, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fault.slow(1, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aParkedLongPollIsClosedWhenTheSimulatorCloses() throws Exception {
        Reply async = client.post("/auth/v2/auth", Map.of("username", "alice", "factor", "push", "async", "1"));
        String txid = async.response().get("txid").asText();
        client.get("/auth/v2/auth_status", Map.of("txid", txid));
        var held = client.http().sendAsync(client.signed("GET", "/auth/v2/auth_status", Map.of("txid", txid)).build(),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(30)).until(() -> duo.parkedLongPolls() == 1);
        duo.close();
        assertThatThrownBy(held::join).hasCauseInstanceOf(IOException.class);
    }
}
