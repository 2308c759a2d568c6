package dev.mfa4j.duo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mfa4j.api.Credential;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.spi.VerificationOutcome;
import dev.mfa4j.testkit.duo.DuoSimulator;
import dev.mfa4j.testkit.duo.DuoUser;
import dev.mfa4j.testkit.duo.PushBehaviour;
import dev.mfa4j.testkit.duo.PushNotification;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Pending pushes hold no thread: 200 of them wait on {@code auth_status} long-polls while the
 * verifier runs on a pool of 4 threads, and the JVM's thread count (less the server's) barely
 * moves. The server is the testkit's Duo simulator, which parks a long-poll without a thread of
 * its own until the test answers the push: the pushes stay pending until the test approves them,
 * however long the 200 take to get there on a busy machine.
 */
class PushThreadsTest {

    private static final int PUSHES = 200;

    /** Live threads, less the simulator's (its workers and timer, the JDK server's dispatcher). */
    private static int clientSideThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !t.getName().startsWith("duo-simulator-") && !t.getName().startsWith("HTTP-Dispatcher")).count();
    }

    @Test
    void manyPendingPushesHoldNoThreads() throws Exception {
        ExecutorService executor = Fixtures.executor();
        // Nothing here may end on a timer: pushes wait for the test, a held poll for 5 minutes.
        try (DuoSimulator duo = DuoSimulator.builder().integration(Fixtures.IKEY, Fixtures.SKEY)
                .user(DuoUser.builder("bob").userId(Fixtures.USER_ID).smartphone().build())
                .pushTimeout(Duration.ofMinutes(5)).authStatusHold(Duration.ofMinutes(5)).start()) {
            Map<String, String> options = new LinkedHashMap<>();
            options.put("Host", duo.host());
            options.put("IntegrationKey", Fixtures.IKEY);
            options.put("SecretKey", Fixtures.SKEY);
            options.put("CaCertificates", duo.certificatePem());
            // 200 pushes start at once, so 200 TLS handshakes, which take seconds on a busy
            // machine. This test is about threads, not timeouts: a minute per call, 5 per push.
            options.put("RequestTimeout", "60s");
            options.put("PushTimeout", "5m");
            DuoVerifier verifier = DuoVerifiers.open(MfaConfiguration.of("duo-test", "duo", options),
                    Fixtures.tuning(executor, Clock.systemUTC()));
            // Warm up: the client's selector thread, the JDK timer, the simulator's own threads.
            duo.scriptNextPush("bob", PushBehaviour.approve());
            assertThat(Fixtures.await(verifier.verify(Fixtures.request(Credential.PUSH))).reason()).isEqualTo(Reason.APPROVED);
            assertThat(duo.takePush(Duration.ofSeconds(10))).as("the warm-up push").isNotNull();
            int before = clientSideThreads();

            List<CompletableFuture<VerificationOutcome>> pending = new ArrayList<>();
            for (int i = 0; i < PUSHES; i++) {
                pending.add(verifier.verify(Fixtures.request(Credential.PUSH)));
            }
            // Each push has had its first answer (waiting) and is now parked in its next poll.
            await().atMost(Duration.ofSeconds(60)).until(() -> duo.parkedLongPolls() == PUSHES);
            assertThat(pending).noneMatch(CompletableFuture::isDone);
            Map<String, Long> ours = Thread.getAllStackTraces().keySet().stream()
                    .map(t -> t.getName().replaceAll("[-0-9]+$", ""))
                    .filter(n -> n.startsWith("duo-test-callback") || n.startsWith("HttpClient") || n.startsWith("mfa4j"))
                    .collect(Collectors.groupingBy(n -> n, Collectors.counting()));
            int during = clientSideThreads();

            for (int i = 0; i < PUSHES; i++) {
                PushNotification push = duo.takePush(Duration.ofSeconds(10));
                assertThat(push).as("push %d", i).isNotNull();
                duo.approve(push.txid());
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertThat(pending).allMatch(f -> f.join().reason() == Reason.APPROVED);
            // The verifier's own threads: its 4-thread pool and the HTTP client's selector.
            assertThat(ours.getOrDefault("duo-test-callback", 0L)).isLessThanOrEqualTo(4);
            assertThat(ours.getOrDefault("HttpClient", 0L) + ours.getOrDefault("HttpClient-SelectorManager", 0L)).isLessThanOrEqualTo(2);
            // And every thread of the JVM but the server's: far from one per push.
            assertThat(during - before).as("threads before %d, with %d pushes pending %d", before, PUSHES, during).isLessThan(20);
            verifier.close();
        } finally {
            executor.shutdownNow();
        }
    }
}
