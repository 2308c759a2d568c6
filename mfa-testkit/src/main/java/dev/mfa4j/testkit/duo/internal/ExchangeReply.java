package dev.mfa4j.testkit.duo.internal;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one answer to one exchange, which may be given long after the handler returned (a
 * long-poll, a synchronous push, a slow fault) from any thread. Only the first call to
 * {@link #send} or {@link #drop} has an effect. Thread-safe.
 */
public final class ExchangeReply {

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeReply.class);

    private final HttpExchange exchange;
    private final AtomicBoolean done = new AtomicBoolean();

    /** Wraps {@code exchange}, whose request body has been read. */
    public ExchangeReply(HttpExchange exchange) {
        this.exchange = exchange;
    }

    /** Sends {@code response} and ends the exchange; the connection stays open for reuse. */
    public void send(DuoResponse response) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        try {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            for (Map.Entry<String, String> header : response.headers().entrySet()) {
                exchange.getResponseHeaders().set(header.getKey(), header.getValue());
            }
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            // The client went away (its timeout, or the test closed it): nothing to answer.
            LOG.debug("could not answer {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), e.toString());
        } finally {
            exchange.close();
        }
    }

    /** Closes the connection without an answer. */
    public void drop() {
        if (done.compareAndSet(false, true)) {
            // Before sendResponseHeaders, close() closes the underlying connection.
            exchange.close();
        }
    }
}
