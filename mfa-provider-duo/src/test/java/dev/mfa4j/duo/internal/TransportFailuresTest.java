package dev.mfa4j.duo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.Reason;
import dev.mfa4j.api.Secret;
import dev.mfa4j.testkit.ManualTicker;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathValidatorException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How each way an exchange can fail, as the JDK's HTTP client reports it, is classified: only
 * when no answer could be had is it {@link Reason#PROVIDER_UNAVAILABLE} (the one reason a
 * fail-open configuration lets through). The failures are handed in by a client that sends
 * nothing ({@link HeldClient}), so the cases that need a network (a name that does not resolve)
 * are covered too.
 */
class TransportFailuresTest {

    private final ExecutorService executor = Fixtures.executor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private DuoReply.Unusable replyTo(Throwable failure) throws InterruptedException {
        DuoSigner signer = new DuoSigner(Fixtures.IKEY, Secret.of(Fixtures.SKEY), HmacAlgorithm.HMAC_SHA512);
        RequestEncoder encoder = new RequestEncoder("api-12345678.duosecurity.com", signer, SignatureVersion.V5, Clock.systemUTC(),
                "mfa4j-duo/test");
        HeldClient client = new HeldClient();
        DuoTransport transport = new DuoTransport(client, encoder, new ReplyParser(Clock.systemUTC()),
                new RetryPolicy(Duration.ofMillis(1), Duration.ZERO, bound -> 0), new TickerTimer(new ManualTicker(), executor),
                "api-12345678.duosecurity.com", 8);
        CompletableFuture<DuoReply> pending = transport.call(DuoRequest.post("/auth/v2/auth",
                DuoParams.builder().add("factor", "passcode").build()), Duration.ofSeconds(10), Duration.ZERO);
        client.next().fail(failure);
        DuoReply reply = pending.join();
        assertThat(reply).isInstanceOf(DuoReply.Unusable.class);
        return (DuoReply.Unusable) reply;
    }

    @Test
    void noAnswerCouldBeHad() throws Exception {
        assertThat(replyTo(new ConnectException("Connection refused")).reason()).as("refused").isEqualTo(Reason.PROVIDER_UNAVAILABLE);
        ConnectException unresolved = new ConnectException();
        unresolved.initCause(new UnresolvedAddressException());
        assertThat(replyTo(unresolved).reason()).as("DNS, as JDK 17 reports it").isEqualTo(Reason.PROVIDER_UNAVAILABLE);
        assertThat(replyTo(new UnresolvedAddressException()).reason()).as("DNS, unwrapped").isEqualTo(Reason.PROVIDER_UNAVAILABLE);
        assertThat(replyTo(new HttpConnectTimeoutException("connect timed out")).reason()).as("connect timeout")
                .isEqualTo(Reason.PROVIDER_UNAVAILABLE);
        assertThat(replyTo(new HttpTimeoutException("request timed out")).reason()).as("answer timeout")
                .isEqualTo(Reason.PROVIDER_UNAVAILABLE);
        assertThat(replyTo(new IOException("Connection reset")).reason()).as("reset before the answer")
                .isEqualTo(Reason.PROVIDER_UNAVAILABLE);
    }

    @Test
    void everyTlsFailureFailsClosed() throws Exception {
        SSLHandshakeException untrusted = new SSLHandshakeException("PKIX path validation failed");
        untrusted.initCause(new CertPathValidatorException("untrusted"));
        assertThat(replyTo(untrusted).reason()).as("untrusted certificate").isEqualTo(Reason.PROVIDER_ERROR);
        assertThat(replyTo(new SSLHandshakeException("No subject alternative DNS name matching api-12345678.duosecurity.com found"))
                .reason()).as("wrong host name").isEqualTo(Reason.PROVIDER_ERROR);
        IOException wrapped = new IOException("handshake failed");
        wrapped.initCause(new SSLHandshakeException("PKIX path building failed"));
        assertThat(replyTo(wrapped).reason()).as("wrapped by the client").isEqualTo(Reason.PROVIDER_ERROR);
    }

    @Test
    void anythingElseIsAnError() throws Exception {
        assertThat(replyTo(new IllegalStateException("a bug")).reason()).isEqualTo(Reason.PROVIDER_ERROR);
    }
}
