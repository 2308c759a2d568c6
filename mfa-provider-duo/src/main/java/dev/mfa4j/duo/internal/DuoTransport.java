package dev.mfa4j.duo.internal;

import dev.mfa4j.api.Reason;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Auth API calls on one shared {@link HttpClient} without blocking any thread while the
 * network or Duo is busy, and turns every result, including every failure, into a
 * {@link DuoReply}: the futures it returns never complete exceptionally.
 *
 * <p>Each try is bounded in time (response headers and body alike). HTTP 429 is retried as the
 * {@link RetryPolicy} says, on a timer rather than a sleeping thread; nothing else is retried, so
 * a passcode that may have reached Duo is never sent twice.
 */
final class DuoTransport {

    private static final Logger LOG = LoggerFactory.getLogger(DuoTransport.class);

    /** Duo's answers are small; a preauth with many devices is a few kilobytes. */
    static final long MAX_BODY_BYTES = 256 * 1024;
    /** The one call Duo holds open while it waits for the user. */
    static final String LONG_POLL_PATH = "/auth/v2/auth_status";
    /** However little time a call has left, its exchange gets this long once started. */
    private static final long MIN_EXCHANGE_NANOS = Duration.ofMillis(1).toNanos();

    private final HttpClient client;
    private final RequestEncoder encoder;
    private final ReplyParser parser;
    private final RetryPolicy retryPolicy;
    /** Every time limit and retry wait: exchanges that outlive their timeout end without a timer task each. */
    private final TickerTimer timer;
    private final String host;
    /** Ordinary calls: a passcode, a push's preauth and auth. They never wait behind long-polls. */
    private final ExchangeGate calls;
    /** {@code auth_status} long-polls, which Duo may hold open until the user answers. */
    private final ExchangeGate longPolls;

    /**
     * @param client the shared client
     * @param encoder encodes and signs
     * @param parser reads answers
     * @param retryPolicy when to retry a 429
     * @param timer measures time limits and retry waits
     * @param host the host, for messages
     * @param maxExchanges the most exchanges in flight (so connections): a quarter for ordinary
     *     calls, the rest for long-polls
     */
    DuoTransport(HttpClient client, RequestEncoder encoder, ReplyParser parser, RetryPolicy retryPolicy, TickerTimer timer,
            String host, int maxExchanges) {
        this.client = Objects.requireNonNull(client, "client");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.host = Objects.requireNonNull(host, "host");
        int forCalls = Math.max(1, maxExchanges / 4);
        this.calls = new ExchangeGate(forCalls, timer);
        this.longPolls = new ExchangeGate(Math.max(1, maxExchanges - forCalls), timer);
    }

    /**
     * @param request the call
     * @param timeout the limit for each try, from the call (a wait for a free connection included)
     *     to the last body byte
     * @param retryLimit a bound on the total wait for 429 retries besides the policy's budget
     *     (such as the time left before a push deadline)
     * @return the reply; never completes exceptionally
     */
    CompletableFuture<DuoReply> call(DuoRequest request, Duration timeout, Duration retryLimit) {
        return call(request, timeout, retryLimit, timeout);
    }

    /**
     * As {@link #call(DuoRequest, Duration, Duration)}, with a separate bound on the wait for a free
     * connection: a push may queue for as long as its own deadline allows, and its exchange, once
     * started, still gets {@code timeout}.
     *
     * @param request the call
     * @param timeout the limit for each try once its exchange starts
     * @param retryLimit a bound on the total wait for 429 retries besides the policy's budget
     * @param queueLimit the limit for each try from its start, the wait for a connection included (429 waits
     *     between tries are bounded by the retry budget instead)
     * @return the reply; never completes exceptionally
     */
    CompletableFuture<DuoReply> call(DuoRequest request, Duration timeout, Duration retryLimit, Duration queueLimit) {
        return attempt(request, timeout, retryLimit, queueLimit, 0, Duration.ZERO);
    }

    private CompletableFuture<DuoReply> attempt(DuoRequest request, Duration timeout, Duration retryLimit, Duration queueLimit, int retries,
            Duration waited) {
        return once(request, timeout, queueLimit).thenCompose(reply -> {
            if (!(reply instanceof DuoReply.Fail fail) || !fail.rateLimited() || !request.mayRetryOn429()) {
                return CompletableFuture.completedFuture(reply);
            }
            Optional<Duration> wait = retryPolicy.nextWait(retries, waited, fail.retryAfter(), retryLimit.minus(waited));
            if (wait.isEmpty()) {
                LOG.warn("MFA-DUO-011 Duo rate-limited {} {} times; giving up after waiting {} ms", request.describe(), retries + 1,
                        waited.toMillis());
                return CompletableFuture.completedFuture(reply);
            }
            LOG.info("MFA-DUO-010 Duo rate-limited {} (HTTP {}); retrying in {} ms", request.describe(), fail.httpStatus(), wait.get().toMillis());
            return timer.after(wait.get())
                    .thenCompose(ignored -> attempt(request, timeout, retryLimit, queueLimit, retries + 1, waited.plus(wait.get())));
        });
    }

    private CompletableFuture<DuoReply> once(DuoRequest request, Duration timeout, Duration queueLimit) {
        long started = timer.now();
        long queueDeadline = started + queueLimit.toNanos();
        ExchangeGate gate = request.path().equals(LONG_POLL_PATH) ? longPolls : calls;
        return gate.acquire(queueDeadline).thenCompose(admitted -> {
            if (!admitted) {
                LOG.debug("{} waited {} ms for one of the {} connections; not sent", request.describe(), queueLimit.toMillis(), gate.max());
                // Not sent: our own limit, not Duo's outage, so it must not fail open.
                return CompletableFuture.completedFuture(new DuoReply.Unusable(Reason.RATE_LIMITED, "not sent: all " + gate.max()
                        + " connections to " + host + " stayed busy for " + queueLimit.toMillis() + " ms", true, Optional.empty()));
            }
            CompletableFuture<DuoReply> reply;
            try {
                reply = exchange(request, timeout, queueDeadline, started);
            } catch (RuntimeException e) {
                gate.release();
                throw e;
            }
            return reply.whenComplete((r, e) -> gate.release());
        });
    }

    /**
     * @param timeout the exchange's own limit
     * @param queueDeadline the reading by which the call, its wait for a connection included, must end
     * @param started when the call started, for the log
     */
    private CompletableFuture<DuoReply> exchange(DuoRequest request, Duration timeout, long queueDeadline, long started) {
        // Read before sending: a request seen at the server always has its deadline set.
        long begins = timer.now();
        Duration limit = Duration.ofNanos(Math.max(MIN_EXCHANGE_NANOS, Math.min(timeout.toNanos(), queueDeadline - begins)));
        long deadline = begins + limit.toNanos();
        CompletableFuture<HttpResponse<byte[]>> sent;
        try {
            EncodedRequest encoded = encoder.encode(request);
            sent = client.sendAsync(encoded.toHttpRequest(), BoundedBody.handler(MAX_BODY_BYTES));
        } catch (RuntimeException e) {
            // A bug or an unusable configuration (such as a destroyed key), not Duo's fault.
            return CompletableFuture.completedFuture(new DuoReply.Unusable(Reason.PROVIDER_ERROR,
                    "could not send " + request.describe() + ": " + e.getClass().getSimpleName(), false, Optional.of(e)));
        }
        // The one limit on the exchange, headers and body alike; cancelling the JDK's future aborts
        // it. (No HttpRequest.timeout besides: that timer reads real time, which tests cannot move,
        // and could end a long-poll a hair before the push deadline.)
        CompletableFuture<HttpResponse<byte[]>> bounded = timer.bound(sent, deadline);
        return bounded.handle((response, failure) -> {
            long millis = (timer.now() - started) / 1_000_000;
            if (failure != null) {
                sent.cancel(true);
                DuoReply.Unusable unusable = classify(unwrap(failure), request, limit);
                LOG.debug("{} failed after {} ms: {}", request.describe(), millis, unusable.message());
                return unusable;
            }
            if (LOG.isDebugEnabled()) {
                LOG.debug("{} answered HTTP {} in {} ms", request.describe(), response.statusCode(), millis);
            }
            try {
                return parser.parse(response.statusCode(), response.headers(), response.body());
            } catch (RuntimeException e) {
                return new DuoReply.Unusable(Reason.PROVIDER_ERROR, "could not read Duo's answer to "
                        + request.describe() + ": " + e.getClass().getSimpleName(), false, Optional.of(e));
            }
        });
    }

    private DuoReply.Unusable classify(Throwable failure, DuoRequest request, Duration timeout) {
        String what = request.describe() + " to " + host;
        if (failure instanceof HttpConnectTimeoutException) {
            return new DuoReply.Unusable(Reason.PROVIDER_UNAVAILABLE, "could not connect for " + what + " within "
                    + timeout.toMillis() + " ms", true, Optional.of(failure));
        }
        if (failure instanceof HttpTimeoutException || failure instanceof TimeoutException) {
            return new DuoReply.Unusable(Reason.PROVIDER_UNAVAILABLE, "no answer to " + what + " within "
                    + timeout.toMillis() + " ms", true, Optional.of(failure));
        }
        if (failure instanceof SSLException) {
            // Never "unavailable": a certificate outside the trusted set may be an attack, and
            // fail-open must not apply to it.
            return new DuoReply.Unusable(Reason.PROVIDER_ERROR, "TLS with " + host + " failed ("
                    + Texts.clean(failure.getMessage()) + "); is the server's certificate from a trusted CA?", false, Optional.of(failure));
        }
        if (failure instanceof BoundedBody.TooLargeException) {
            return new DuoReply.Unusable(Reason.PROVIDER_ERROR, "the answer to " + what + " is larger than "
                    + MAX_BODY_BYTES + " bytes", false, Optional.of(failure));
        }
        if (failure instanceof ConnectException || failure instanceof UnresolvedAddressException) {
            return new DuoReply.Unusable(Reason.PROVIDER_UNAVAILABLE, "could not connect for " + what + " ("
                    + failure.getClass().getSimpleName() + ")", false, Optional.of(failure));
        }
        if (failure instanceof IOException) {
            // The connection reset or closed before the whole answer came.
            return new DuoReply.Unusable(Reason.PROVIDER_UNAVAILABLE, what + " failed: "
                    + failure.getClass().getSimpleName() + " " + Texts.clean(failure.getMessage()), false, Optional.of(failure));
        }
        return new DuoReply.Unusable(Reason.PROVIDER_ERROR, what + " failed: " + failure.getClass().getSimpleName(),
                false, Optional.of(failure));
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        // The JDK wraps some connection failures; look one level down for the telling type.
        if (t instanceof IOException && !(t instanceof SSLException) && t.getCause() instanceof SSLException ssl) {
            return ssl;
        }
        if (t instanceof IOException && t.getCause() instanceof BoundedBody.TooLargeException tooLarge) {
            return tooLarge;
        }
        return t;
    }
}
