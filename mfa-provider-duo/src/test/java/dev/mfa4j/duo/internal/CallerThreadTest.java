package dev.mfa4j.duo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mfa4j.api.Reason;
import dev.mfa4j.api.spi.HealthStatus;
import dev.mfa4j.api.spi.VerificationOutcome;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code verify} and {@code health} build and sign the first request on the caller's thread, then
 * return: the JDK's HttpClient connects and shakes hands on the verifier's pool. The server here
 * accepts connections and never says a word, so a call that did the TLS handshake on the caller's
 * thread would return only when the JDK's connect timeout (the 60 s request timeout, in real time:
 * a real socket) ended it, with its future already done. The verifier's own limits are on a ticker
 * nobody moves. (Closing the server at the end fails the pending exchanges at once.)
 */
class CallerThreadTest {

    private ExecutorService executor;
    private ServerSocket silent;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private DuoVerifier verifier;

    @BeforeEach
    void start() throws IOException {
        executor = Fixtures.executor();
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    accepted.add(silent.accept());
                }
            } catch (IOException closed) {
                // the test is over
            }
        }, "silent-server");
        acceptor.setDaemon(true);
        acceptor.start();
        verifier = DuoVerifiers.open(Fixtures.config("localhost:" + silent.getLocalPort(), "RequestTimeout", "60s"),
                Fixtures.tuning(executor, Clock.systemUTC()));
    }

    @AfterEach
    void stop() throws IOException {
        verifier.close();
        silent.close();
        for (Socket socket : accepted) {
            socket.close();
        }
        executor.shutdownNow();
    }

    @Test
    void verifyReturnsBeforeTheConnectionIsMade() {
        CompletableFuture<VerificationOutcome> result = verifier.verify(Fixtures.passcode("123456"));

        assertThat(result).isNotDone();
        // The exchange does start, off the caller's thread, and waits on the silent server.
        await().atMost(Duration.ofSeconds(10)).until(() -> accepted.size() == 1);
        assertThat(result).isNotDone();
    }

    @Test
    void healthReturnsBeforeTheConnectionIsMade() {
        CompletableFuture<HealthStatus> health = verifier.health();

        assertThat(health).isNotDone();
        await().atMost(Duration.ofSeconds(10)).until(() -> accepted.size() == 1);
        assertThat(health).isNotDone();
    }

    @Test
    void aClosedVerifierAnswersOnTheCallersThreadWithoutAConnection() {
        verifier.close();

        CompletableFuture<VerificationOutcome> result = verifier.verify(Fixtures.passcode("123456"));

        assertThat(result).isDone();
        assertThat(result.join().reason()).as("a closed verifier is no outage").isEqualTo(Reason.PROVIDER_ERROR);
        assertThat(accepted).isEmpty();
    }
}
