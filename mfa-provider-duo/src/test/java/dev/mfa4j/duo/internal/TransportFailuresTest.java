package dev.mfa4j.duo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.Reason;
import java.io.IOException;
import java.net.Authenticator;
import java.net.ConnectException;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathValidatorException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How each way an exchange can fail, as the JDK's HTTP client reports it, is classified: only
 * when no answer could be had is it {@link Reason#PROVIDER_UNAVAILABLE} (the one reason a
 * fail-open configuration lets through). The failures are handed in by a client that sends
 * nothing, so the cases that need a network (a name that does not resolve) are covered too.
 */
class TransportFailuresTest {

    private final ExecutorService executor = Fixtures.executor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private DuoReply.Unusable replyTo(Throwable failure) {
        DuoSigner signer = new DuoSigner(Fixtures.IKEY, Fixtures.SKEY, HmacAlgorithm.HMAC_SHA512);
        RequestEncoder encoder = new RequestEncoder("api-12345678.duosecurity.com", signer, SignatureVersion.V5, Clock.systemUTC(),
                "mfa4j-duo/test");
        DuoTransport transport = new DuoTransport(new FailingClient(failure), encoder, new ReplyParser(Clock.systemUTC()),
                new RetryPolicy(Duration.ofMillis(1), Duration.ZERO, bound -> 0), executor, "api-12345678.duosecurity.com", 8);
        DuoReply reply = transport.call(DuoRequest.post("/auth/v2/auth", DuoParams.builder().add("factor", "passcode").build()),
                Duration.ofSeconds(10), Duration.ZERO).join();
        assertThat(reply).isInstanceOf(DuoReply.Unusable.class);
        return (DuoReply.Unusable) reply;
    }

    @Test
    void noAnswerCouldBeHad() {
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
    void everyTlsFailureFailsClosed() {
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
    void anythingElseIsAnError() {
        assertThat(replyTo(new IllegalStateException("a bug")).reason()).isEqualTo(Reason.PROVIDER_ERROR);
    }

    /** An HTTP client that sends nothing and fails every exchange as told. */
    private static final class FailingClient extends HttpClient {
        private final Throwable failure;

        FailingClient(Throwable failure) {
            this.failure = failure;
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
            return CompletableFuture.failedFuture(failure);
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
            return sendAsync(request, handler);
        }

        @Override
        public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
            throw new UnsupportedOperationException("only sendAsync is used");
        }

        @Override
        public Optional<CookieHandler> cookieHandler() {
            return Optional.empty();
        }

        @Override
        public Optional<Duration> connectTimeout() {
            return Optional.empty();
        }

        @Override
        public Redirect followRedirects() {
            return Redirect.NEVER;
        }

        @Override
        public Optional<ProxySelector> proxy() {
            return Optional.empty();
        }

        @Override
        public SSLContext sslContext() {
            return null;
        }

        @Override
        public SSLParameters sslParameters() {
            return new SSLParameters();
        }

        @Override
        public Optional<Authenticator> authenticator() {
            return Optional.empty();
        }

        @Override
        public Version version() {
            return Version.HTTP_1_1;
        }

        @Override
        public Optional<Executor> executor() {
            return Optional.empty();
        }
    }
}
