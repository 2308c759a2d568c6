package dev.mfa4j.duo.internal;

import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * An HTTP client that sends nothing: each exchange waits, holding its connection, until the test
 * answers or fails it. No network, no real time.
 */
final class HeldClient extends HttpClient {

    /** One exchange the client was asked to make, and the means to end it. */
    record Exchange(HttpRequest request, CompletableFuture<HttpResponse<byte[]>> response) {

        /** @return the request's path, such as {@code /auth/v2/preauth} */
        String path() {
            return request.uri().getPath();
        }

        /** Answers with Duo's OK envelope around {@code responseJson}. */
        void answer(String responseJson) {
            byte[] body = """
                    {"stat": "OK", "response": %s}""".formatted(responseJson).getBytes(StandardCharsets.UTF_8);
            response.complete(new Canned(request, body));
        }

        /** Fails as the JDK's client would. */
        void fail(Throwable failure) {
            response.completeExceptionally(failure);
        }
    }

    private final BlockingQueue<Exchange> exchanges = new LinkedBlockingQueue<>();
    private final AtomicInteger sent = new AtomicInteger();

    /**
     * @return the oldest exchange not yet taken, waiting up to 30 s (the exchanges start on the
     *     caller's or a callback's thread, so a test may get there first)
     * @throws AssertionError if none came
     */
    Exchange next() throws InterruptedException {
        Exchange next = exchanges.poll(30, TimeUnit.SECONDS);
        if (next == null) {
            throw new AssertionError("no exchange was started within 30 s");
        }
        return next;
    }

    /** @return the exchanges started so far, taken or not */
    int sent() {
        return sent.get();
    }

    /** @return the exchanges not yet taken, without waiting */
    int untaken() {
        return exchanges.size();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        CompletableFuture<HttpResponse<byte[]>> response = new CompletableFuture<>();
        sent.incrementAndGet();
        exchanges.add(new Exchange(request, response));
        // The transport asks for byte[] bodies only.
        return (CompletableFuture<HttpResponse<T>>) (CompletableFuture<?>) response;
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

    /** A 200 JSON answer. */
    private record Canned(HttpRequest request, byte[] body) implements HttpResponse<byte[]> {

        @Override
        public int statusCode() {
            return 200;
        }

        @Override
        public Optional<HttpResponse<byte[]>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public HttpHeaders headers() {
            return HttpHeaders.of(Map.of("Content-Type", List.of("application/json")), (name, value) -> true);
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request.uri();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
