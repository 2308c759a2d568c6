package dev.mfa4j.duo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.Credential;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.spi.VerificationOutcome;
import dev.mfa4j.testkit.ManualTicker;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When more calls arrive than a verifier may have connections, they queue. A push's calls may
 * queue until the push's own deadline (the user is waiting for the push anyway); a passcode's
 * only for the request timeout. The exchanges are held by a client the test answers, and time
 * passes when the test advances the ticker: nothing here depends on how fast the machine is.
 */
class ConnectionQueueTest {

    private final ManualTicker ticker = new ManualTicker();
    private final ExecutorService executor = Fixtures.executor();
    private final HeldClient client = new HeldClient();
    private DuoVerifier verifier;

    @AfterEach
    void stop() {
        if (verifier != null) {
            verifier.close();
        }
        executor.shutdownNow();
    }

    /** A verifier with four connections: one for ordinary calls, three for long-polls; 2 s request timeout, 20 s pushes. */
    private DuoVerifier verifier() {
        Tuning tight = new Tuning(Clock.systemUTC(), ticker, Optional.of(executor), Duration.ofMillis(20), Duration.ZERO, "mfa4j-duo/test",
                half -> 0, 4);
        DuoSettings settings = DuoSettings.from(Fixtures.config("api-12345678.duosecurity.com", "RequestTimeout", "2s",
                "PushTimeout", "20s"));
        verifier = new DuoVerifier(settings, tight, null, new TickerTimer(ticker, executor), client);
        return verifier;
    }

    @Test
    void aPasscodeQueuesNoLongerThanTheRequestTimeoutWhileAPushQueuesUntilItsDeadline() throws Exception {
        DuoVerifier verifier = verifier();
        CompletableFuture<VerificationOutcome> holder = verifier.verify(Fixtures.passcode("111111"));
        HeldClient.Exchange held = client.next();
        assertThat(held.path()).isEqualTo("/auth/v2/auth");
        CompletableFuture<VerificationOutcome> push = verifier.verify(Fixtures.request(Credential.PUSH));
        CompletableFuture<VerificationOutcome> queued = verifier.verify(Fixtures.passcode("222222"));
        assertThat(client.sent()).as("the one connection for ordinary calls is busy").isEqualTo(1);

        Fixtures.pass(verifier, ticker, Duration.ofMillis(1999));
        assertThat(queued).isNotDone();
        assertThat(holder).isNotDone();

        // 2 s: the held passcode's own exchange times out, the queued passcode gives up unsent,
        // and the push's preauth, first in line and allowed to wait 20 s, takes the connection.
        Fixtures.pass(verifier, ticker, Duration.ofMillis(1));
        assertThat(Fixtures.await(holder).reason()).isEqualTo(Reason.PROVIDER_UNAVAILABLE);
        VerificationOutcome gaveUp = Fixtures.await(queued);
        assertThat(gaveUp.reason()).as("our own limit, not an outage").isEqualTo(Reason.RATE_LIMITED);
        assertThat(gaveUp.message()).contains("connections to").contains("stayed busy");
        HeldClient.Exchange preauth = client.next();
        assertThat(preauth.path()).isEqualTo("/auth/v2/preauth");
        assertThat(push).isNotDone();

        preauth.answer("""
                {"result": "allow", "status_msg": "Allowing unknown user"}""");
        assertThat(Fixtures.await(push).reason()).isEqualTo(Reason.PROVIDER_BYPASS);
        assertThat(client.sent()).as("the queued passcode was never sent").isEqualTo(2);
    }

    @Test
    void longPollsDoNotWaitBehindOrdinaryCalls() throws Exception {
        DuoVerifier verifier = verifier();
        CompletableFuture<VerificationOutcome> push = verifier.verify(Fixtures.request(Credential.PUSH));
        client.next().answer(DuoVerifierFlowsTest.PREAUTH_AUTH);
        client.next().answer(Answers.txid(DuoVerifierFlowsTest.TXID));
        HeldClient.Exchange poll = client.next();
        assertThat(poll.path()).isEqualTo("/auth/v2/auth_status");

        // The long-poll holds a connection of its own: a passcode still gets the ordinary one.
        CompletableFuture<VerificationOutcome> passcode = verifier.verify(Fixtures.passcode("123456"));
        HeldClient.Exchange auth = client.next();
        assertThat(auth.path()).isEqualTo("/auth/v2/auth");
        auth.answer(Answers.ALLOW);
        assertThat(Fixtures.await(passcode).reason()).isEqualTo(Reason.APPROVED);

        poll.answer(Answers.ALLOW);
        assertThat(Fixtures.await(push).reason()).isEqualTo(Reason.APPROVED);
    }
}
