package dev.mfa4j.testkit.duo.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.mfa4j.testkit.duo.Fault;
import dev.mfa4j.testkit.duo.RecordedDuoRequest;
import dev.mfa4j.testkit.duo.SignatureStatus;
import dev.mfa4j.testkit.internal.TickerScheduler;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS front of the simulator on the JDK's {@code com.sun.net.httpserver}: one dispatcher
 * thread (the JDK's) accepts and selects, a fixed pool reads each request and runs the
 * endpoint, and an answer that must wait is sent later from that pool, so a parked long-poll
 * holds a connection and a future but no thread. Per request: read, check the signature, decode
 * the parameters, record, then answer with an injected fault or the endpoint. Thread-safe.
 */
public final class SimulatorServer {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorServer.class);
    private static final int MAX_BODY_BYTES = 1 << 20;
    private static final int BACKLOG = 4096;

    private final HttpsServer server;
    private final ExecutorService workers;
    private final TickerScheduler timer;
    private final SignatureVerifier verifier;
    private final AuthApi api;
    private final FaultPlan faults;
    private final RequestLog log;
    private final Clock clock;

    /**
     * Binds {@code address} at once; {@link #start()} begins serving.
     *
     * @throws IOException if the address cannot be bound
     */
    public SimulatorServer(InetSocketAddress address, SSLContext tls, ExecutorService workers,
                           TickerScheduler timer, SignatureVerifier verifier, AuthApi api,
                           FaultPlan faults, RequestLog log, Clock clock) throws IOException {
        this.workers = workers;
        this.timer = timer;
        this.verifier = verifier;
        this.api = api;
        this.faults = faults;
        this.log = log;
        this.clock = clock;
        this.server = HttpsServer.create(address, BACKLOG);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.setExecutor(workers);
        server.createContext("/", this::handle);
    }

    /** Starts serving. */
    public void start() {
        server.start();
    }

    /** The bound address (the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Stops at once: open connections, parked long-polls included, are closed. */
    public void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) {
        ExchangeReply reply = new ExchangeReply(exchange);
        try {
            serve(exchange, reply);
        } catch (IOException e) {
            LOG.debug("could not read request: {}", e.toString());
            reply.drop();
        } catch (RuntimeException e) {
            LOG.warn("simulator failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            reply.send(DuoResponse.fail(50001, "Unknown internal server error", null));
        }
    }

    private void serve(HttpExchange exchange, ExchangeReply reply) throws IOException {
        // Before the request is recorded: a slow answer's delay counts from here.
        long arrived = timer.now();
        int sequence = log.nextSequenceNumber();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.merge(name.toLowerCase(Locale.ROOT), List.copyOf(values), (a, b) -> {
                    List<String> all = new java.util.ArrayList<>(a);
                    all.addAll(b);
                    return List.copyOf(all);
                }));
        RawRequest request = new RawRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), headers, body);

        Optional<AuthApi.Endpoint> endpoint = AuthApi.Endpoint.at(request.rawPath());
        SignatureVerifier.Result signature = endpoint.isPresent() && !endpoint.get().signed()
                ? new SignatureVerifier.Result(SignatureStatus.NOT_REQUIRED, Optional.empty(), Optional.empty(), "")
                : verifier.verify(request);
        Optional<Map<String, List<String>>> params = RequestParams.of(request);
        Optional<Fault> fault = faults.next(request.rawPath());
        log.add(new RecordedDuoRequest(sequence, clock.instant(), request.method(), request.rawPath(),
                request.rawQuery(), headers, body, params.orElse(Map.of()), signature.status(),
                signature.scheme(), signature.integrationKey(), fault));
        if (!signature.status().accepted()) {
            LOG.debug("refused {} {}: {} ({})", request.method(), request.rawPath(), signature.status(), signature.detail());
        }

        long answerAt = arrived;
        if (fault.isPresent()) {
            if (fault.get() instanceof Fault.Slow slow) {
                answerAt = arrived + slow.delay().toNanos();
            } else {
                answerWithFault(fault.get(), reply);
                return;
            }
        }
        CompletableFuture<DuoResponse> response = respond(request, body.length, endpoint, signature, params);
        deliver(response, reply, arrived, answerAt);
    }

    private CompletableFuture<DuoResponse> respond(RawRequest request, int bodyLength,
                                                   Optional<AuthApi.Endpoint> endpoint,
                                                   SignatureVerifier.Result signature,
                                                   Optional<Map<String, List<String>>> params) {
        if (endpoint.isEmpty()) {
            return CompletableFuture.completedFuture(DuoResponse.fail(40401, "Resource not found", null));
        }
        if (!endpoint.get().method().equals(request.method())) {
            return CompletableFuture.completedFuture(DuoResponse.fail(40501, "Method not allowed", null));
        }
        if (bodyLength > MAX_BODY_BYTES) {
            return CompletableFuture.completedFuture(DuoResponse.fail(41301, "Request entity too large", null));
        }
        if (!signature.status().accepted()) {
            return CompletableFuture.completedFuture(refusal(signature.status()));
        }
        if (params.isEmpty()) {
            return CompletableFuture.completedFuture(DuoResponse.invalidParameters("the parameters cannot be decoded"));
        }
        return api.handle(endpoint.get(), params.get());
    }

    private static DuoResponse refusal(SignatureStatus status) {
        return switch (status) {
            case MISSING_CREDENTIALS -> DuoResponse.fail(40101, "Missing request credentials", null);
            case UNKNOWN_INTEGRATION -> DuoResponse.fail(40102, "Invalid identity in request credentials", null);
            case BAD_TIMESTAMP -> DuoResponse.fail(40105, "Bad request timestamp", null);
            default -> DuoResponse.fail(40103, "Invalid signature in request credentials", null);
        };
    }

    private void deliver(CompletableFuture<DuoResponse> response, ExchangeReply reply, long arrived, long answerAt) {
        if (answerAt != arrived) {
            response.thenAccept(r -> timer.at(answerAt, () -> onWorker(() -> reply.send(r))));
        } else if (response.isDone()) {
            reply.send(response.join());
        } else {
            // Completed later by the timer or by a test thread: hand the write to the pool.
            response.thenAccept(r -> onWorker(() -> reply.send(r)));
        }
    }

    private void onWorker(Runnable task) {
        try {
            workers.execute(task);
        } catch (RejectedExecutionException e) {
            // Shutting down: the connection is being closed anyway.
        }
    }

    private static void answerWithFault(Fault fault, ExchangeReply reply) {
        if (fault instanceof Fault.RateLimited limited) {
            long seconds = (limited.retryAfter().toMillis() + 999) / 1000;
            reply.send(DuoResponse.fail(42901, "Too Many Requests", null, Map.of("Retry-After", Long.toString(seconds))));
        } else if (fault instanceof Fault.ServerError error) {
            reply.send(DuoResponse.fail(error.status() * 100 + 1,
                    error.status() == 500 ? "Unknown internal server error" : reason(error.status()), null));
        } else if (fault instanceof Fault.DropConnection) {
            reply.drop();
        } else if (fault instanceof Fault.MalformedJson) {
            reply.send(DuoResponse.raw(200, "application/json", "{\"stat\": \"OK\", \"response\": {\"result\": \"al"));
        } else if (fault instanceof Fault.HtmlErrorPage page) {
            String title = page.status() + " " + reason(page.status());
            reply.send(DuoResponse.raw(page.status(), "text/html; charset=utf-8",
                    "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                            + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"));
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Temporarily Unavailable";
            case 504 -> "Gateway Time-out";
            default -> status < 500 ? "Client Error" : "Server Error";
        };
    }
}
