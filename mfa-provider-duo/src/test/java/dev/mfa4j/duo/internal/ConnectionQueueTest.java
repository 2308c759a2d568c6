package dev.mfa4j.duo.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.mfa4j.duo.internal.DuoStub.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.Credential;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.spi.VerificationOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * When more calls arrive than a verifier may have connections, they queue. A push's calls may
 * queue until the push's own deadline (the user is waiting for the push anyway); a passcode's
 * only for the request timeout.
 */
class ConnectionQueueTest {

    static DuoStub duo;
    static ExecutorService executor;

    @BeforeAll
    static void start() {
        duo = new DuoStub();
        // One thread: the verifications start in the order the tests submit them, so the order in
        // which they queue for the one connection is the order written below, not a race.
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "duo-test-callback");
            t.setDaemon(true);
            return t;
        });
        // Each ordinary call takes 400 ms on the one connection for ordinary calls, so six calls
        // ahead of a caller hold it up for 2.4 s, past the 2 s request timeout. The request timeout
        // leaves each call 1.6 s for a cold TLS handshake on a busy machine.
        duo.server.stubFor(post(urlPathEqualTo("/auth/v2/preauth")).willReturn(ok(DuoVerifierFlowsTest.PREAUTH_AUTH)
                .withFixedDelay(400)));
        duo.server.stubFor(post(urlPathEqualTo("/auth/v2/auth")).willReturn(ok("{\"txid\":\"" + DuoVerifierFlowsTest.TXID + "\"}")
                .withFixedDelay(400)));
        duo.server.stubFor(get(urlPathEqualTo("/auth/v2/auth_status"))
                .willReturn(ok("{\"result\":\"allow\",\"status\":\"allow\",\"status_msg\":\"Success.\"}")));
        // The JVM's first TLS handshake, client and server side, can take more than those 1.6 s
        // (over 2 s on a loaded core): do it here, under the default 10 s request timeout, so
        // each test's verifier pays only for a handshake in a warm JVM (0.1 to 0.2 s).
        duo.server.stubFor(get(urlPathEqualTo("/auth/v2/ping")).willReturn(ok("{\"time\":" + System.currentTimeMillis() / 1000 + "}")));
        duo.server.stubFor(get(urlPathEqualTo("/auth/v2/check")).willReturn(ok("{\"time\":" + System.currentTimeMillis() / 1000 + "}")));
        DuoVerifier warmUp = Fixtures.open(duo, executor);
        assertThat(warmUp.health()).succeedsWithin(Duration.ofSeconds(30));
        warmUp.close();
    }

    @AfterAll
    static void stop() {
        duo.close();
        executor.shutdownNow();
    }

    /** A verifier with four connections: one for ordinary calls, three for long-polls. */
    private static DuoVerifier verifier() {
        Tuning tight = new Tuning(Clock.systemUTC(), Optional.of(executor), Duration.ofMillis(20), Duration.ofMillis(5), "mfa4j-duo/test",
                half -> 0, 4);
        return DuoVerifiers.open(Fixtures.config(duo.host(), "RequestTimeout", "2s", "PushTimeout", "20s"), tight);
    }

    /** Four pushes make eight ordinary calls, 3.2 s on the one connection: the last ones start after 2 s. */
    @Test
    void pushesQueuePastTheRequestTimeoutWithinTheirDeadline() {
        DuoVerifier verifier = verifier();
        List<CompletableFuture<VerificationOutcome>> pushes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            pushes.add(verifier.verify(Fixtures.request(Credential.PUSH)));
        }

        assertThat(pushes).allSatisfy(push -> assertThat(Fixtures.await(push).reason()).isEqualTo(Reason.APPROVED));
    }

    @Test
    void aPasscodeQueuesNoLongerThanTheRequestTimeout() {
        DuoVerifier verifier = verifier();
        List<CompletableFuture<VerificationOutcome>> pushes = new ArrayList<>();
        // Six preauths queue ahead of the passcode: 2.4 s of ordinary calls.
        for (int i = 0; i < 6; i++) {
            pushes.add(verifier.verify(Fixtures.request(Credential.PUSH)));
        }

        VerificationOutcome passcode = Fixtures.await(verifier.verify(Fixtures.passcode("123456")));

        assertThat(passcode.reason()).as("our own limit, not an outage").isEqualTo(Reason.RATE_LIMITED);
        assertThat(passcode.message()).contains("connections to").contains("stayed busy");
        pushes.forEach(Fixtures::await);
    }
}
