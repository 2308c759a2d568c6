package dev.mfa4j.testkit.duo;

import java.time.Duration;
import java.util.Objects;

/**
 * An adverse answer the simulator gives to the next {@link #times()} requests, to exercise a
 * client's failure handling. Inject with {@link DuoSimulator#injectFault(Fault)} (any path) or
 * {@link DuoSimulator#injectFault(String, Fault)} (one path). Faults queue in the order injected.
 * A faulted request is still recorded, and its signature still checked for the record, but the
 * endpoint does not run, except for {@link Slow}, which answers normally, late. Immutable and
 * thread-safe.
 *
 * @since 0.1.0
 */
public sealed interface Fault {

    /**
     * {@return how many requests this fault answers}
     */
    int times();

    /**
     * HTTP 429 with {@code Retry-After: <seconds>} and Duo's
     * {@code {"stat":"FAIL","code":42901,"message":"Too Many Requests"}}.
     *
     * @param times how many matching requests it answers
     * @param retryAfter what {@code Retry-After} says
     * @return the fault
     */
    static RateLimited rateLimited(int times, Duration retryAfter) {
        return new RateLimited(times, retryAfter);
    }

    /**
     * An HTTP 5xx with a Duo error envelope, code {@code status * 100 + 1} (500 gives 50001).
     *
     * @param times how many matching requests it answers
     * @param status the HTTP status to answer with
     * @return the fault
     */
    static ServerError serverError(int times, int status) {
        return new ServerError(times, status);
    }

    /**
     * The normal answer, after an extra {@code delay}; the endpoint's effects happen at once.
     *
     * @param times how many matching requests it answers
     * @param delay how long the simulated person waits before answering
     * @return the fault
     */
    static Slow slow(int times, Duration delay) {
        return new Slow(times, delay);
    }

    /**
     * The connection is closed without an answer.
     *
     * @param times how many matching requests it answers
     * @return the fault
     */
    static DropConnection dropConnection(int times) {
        return new DropConnection(times);
    }

    /**
     * HTTP 200, {@code application/json}, with a body cut off mid-object.
     *
     * @param times how many matching requests it answers
     * @return the fault
     */
    static MalformedJson malformedJson(int times) {
        return new MalformedJson(times);
    }

    /**
     * HTTP 502 with an HTML page, as a proxy in front of Duo would send.
     *
     * @param times how many matching requests it answers
     * @return the fault
     */
    static HtmlErrorPage htmlErrorPage(int times) {
        return new HtmlErrorPage(times, 502);
    }

    /**
     * An HTML error page with the given 4xx or 5xx status.
     *
     * @param times how many matching requests it answers
     * @param status the HTTP status to answer with
     * @return the fault
     */
    static HtmlErrorPage htmlErrorPage(int times, int status) {
        return new HtmlErrorPage(times, status);
    }

    /** @see Fault#rateLimited(int, Duration) */
    record RateLimited(int times, Duration retryAfter) implements Fault {
        /**
         * @param retryAfter what {@code Retry-After} says
         * @param times how many matching requests it answers
         * @throws IllegalArgumentException if times &lt; 1 or retryAfter is negative
         */
        public RateLimited {
            checkTimes(times);
            Objects.requireNonNull(retryAfter, "retryAfter");
            if (retryAfter.isNegative()) {
                throw new IllegalArgumentException("retryAfter must not be negative");
            }
        }
    }

    /** @see Fault#serverError(int, int) */
    record ServerError(int times, int status) implements Fault {
        /**
         * @param status the HTTP status to answer with
         * @param times how many matching requests it answers
         * @throws IllegalArgumentException if times &lt; 1 or status is not 5xx
         */
        public ServerError {
            checkTimes(times);
            if (status < 500 || status > 599) {
                throw new IllegalArgumentException("status must be 5xx: " + status);
            }
        }
    }

    /** @see Fault#slow(int, Duration) */
    record Slow(int times, Duration delay) implements Fault {
        /**
         * @param delay how long the simulated person waits before answering
         * @param times how many matching requests it answers
         * @throws IllegalArgumentException if times &lt; 1 or delay is negative
         */
        public Slow {
            checkTimes(times);
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative");
            }
        }
    }

    /** @see Fault#dropConnection(int) */
    record DropConnection(int times) implements Fault {
        /**
         * @param times how many matching requests it answers
         * @throws IllegalArgumentException if times &lt; 1
         */
        public DropConnection {
            checkTimes(times);
        }
    }

    /** @see Fault#malformedJson(int) */
    record MalformedJson(int times) implements Fault {
        /**
         * @param times how many matching requests it answers
         * @throws IllegalArgumentException if times &lt; 1
         */
        public MalformedJson {
            checkTimes(times);
        }
    }

    /** @see Fault#htmlErrorPage(int, int) */
    record HtmlErrorPage(int times, int status) implements Fault {
        /**
         * @param status the HTTP status to answer with
         * @param times how many matching requests it answers
         * @throws IllegalArgumentException if times &lt; 1 or status is not 4xx or 5xx
         */
        public HtmlErrorPage {
            checkTimes(times);
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("status must be 4xx or 5xx: " + status);
            }
        }
    }

    private static void checkTimes(int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1: " + times);
        }
    }
}
