package dev.mfa4j.duo.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.mfa4j.duo.internal.DuoStub.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mfa4j.api.Credential;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.spi.VerificationOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Pending pushes hold no thread: 200 of them wait on slow {@code auth_status} answers while the
 * verifier runs on a pool of 4 threads, and the JVM's thread count (less the stub server's) barely
 * moves. The stub is given enough request threads for 200 delayed answers, since WireMock holds
 * one per delayed answer.
 */
class PushThreadsTest {

    private static final int PUSHES = 200;

    /** Live threads, less Jetty's request threads ({@code qtp...}), which serve the stub and grow with its load. */
    private static int clientSideThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream().filter(t -> !t.getName().startsWith("qtp")).count();
    }

    @Test
    void manyPendingPushesHoldNoThreads() throws Exception {
        ExecutorService executor = Fixtures.executor();
        try (DuoStub duo = new DuoStub(TestPki.serverKeyStore(TestPki.TRUSTED, "localhost"), PUSHES * 2)) {
            duo.server.stubFor(post(urlPathEqualTo("/auth/v2/preauth")).willReturn(ok(DuoVerifierFlowsTest.PREAUTH_AUTH)));
            duo.server.stubFor(post(urlPathEqualTo("/auth/v2/auth")).willReturn(ok("{\"txid\":\"" + DuoVerifierFlowsTest.TXID + "\"}")));
            duo.server.stubFor(get(urlPathEqualTo("/auth/v2/auth_status"))
                    .willReturn(ok("{\"result\":\"allow\",\"status\":\"allow\"}").withFixedDelay(4000)));
            DuoVerifier verifier = Fixtures.open(duo, executor);
            // Warm up: the client's selector thread, the JDK timer, WireMock's own threads.
            assertThat(Fixtures.await(verifier.verify(Fixtures.request(Credential.PUSH))).reason()).isEqualTo(Reason.APPROVED);
            int before = clientSideThreads();
            duo.server.resetRequests();

            List<CompletableFuture<VerificationOutcome>> pending = new ArrayList<>();
            for (int i = 0; i < PUSHES; i++) {
                pending.add(verifier.verify(Fixtures.request(Credential.PUSH)));
            }
            await().atMost(Duration.ofSeconds(30)).until(
                    () -> duo.server.countRequestsMatching(getRequestedFor(urlPathEqualTo("/auth/v2/auth_status")).build()).getCount() >= PUSHES);
            assertThat(pending).noneMatch(CompletableFuture::isDone);
            Map<String, Long> ours = Thread.getAllStackTraces().keySet().stream()
                    .map(t -> t.getName().replaceAll("[-0-9]+$", ""))
                    .filter(n -> n.startsWith("duo-test-callback") || n.startsWith("HttpClient") || n.startsWith("mfa4j"))
                    .collect(Collectors.groupingBy(n -> n, Collectors.counting()));
            int during = clientSideThreads();

            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertThat(pending).allMatch(f -> f.join().reason() == Reason.APPROVED);
            // The verifier's own threads: its 4-thread pool and the HTTP client's selector.
            assertThat(ours.getOrDefault("duo-test-callback", 0L)).isLessThanOrEqualTo(4);
            assertThat(ours.getOrDefault("HttpClient", 0L) + ours.getOrDefault("HttpClient-SelectorManager", 0L)).isLessThanOrEqualTo(2);
            // And every thread of the JVM but the stub server's request threads: far from one per push.
            assertThat(during - before).as("threads before %d, with %d pushes pending %d", before, PUSHES, during).isLessThan(20);
            verifier.close();
        } finally {
            executor.shutdownNow();
        }
    }
}
