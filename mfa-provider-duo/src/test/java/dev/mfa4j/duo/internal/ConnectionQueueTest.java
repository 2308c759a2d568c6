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
        executor = Fixtures.executor();
        // Each ordinary call takes 700 ms, so the fourth in line waits about 2.1 s for the one slot.
        duo.server.stubFor(post(urlPathEqualTo("/auth/v2/preauth")).willReturn(ok(DuoVerifierFlowsTest.PREAUTH_AUTH)
                .withFixedDelay(700)));
        duo.server.stubFor(post(urlPathEqualTo("/auth/v2/auth")).willReturn(ok("{\"txid\":\"" + DuoVerifierFlowsTest.TXID + "\"}")
                .withFixedDelay(700)));
        duo.server.stubFor(get(urlPathEqualTo("/auth/v2/auth_status"))
                .willReturn(ok("{\"result\":\"allow\",\"status\":\"allow\",\"status_msg\":\"Success.\"}")));
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
        return DuoVerifiers.open(Fixtures.config(duo.host(), "RequestTimeout", "1s", "PushTimeout", "20s"), tight);
    }

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
        for (int i = 0; i < 3; i++) {
            pushes.add(verifier.verify(Fixtures.request(Credential.PUSH)));
        }

        VerificationOutcome passcode = Fixtures.await(verifier.verify(Fixtures.passcode("123456")));

        assertThat(passcode.reason()).isEqualTo(Reason.PROVIDER_UNAVAILABLE);
        assertThat(passcode.message()).contains("connections were busy");
        pushes.forEach(Fixtures::await);
    }
}
