package dev.mfa4j.duo.internal;

import dev.mfa4j.api.spi.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.LongUnaryOperator;

/**
 * What a verifier takes from its surroundings rather than from the configuration; tests change
 * these to run fast and deterministically.
 *
 * @param clock the wall clock: the signed {@code Date} header, a {@code Retry-After} date, the
 *     clock skew the health check reports
 * @param ticker elapsed time: every time limit, the push deadline, poll pauses and retry waits
 *     (see {@link TickerTimer}); a test that advances its own ticker decides when they pass
 * @param executor where HTTP callbacks and our continuations run; empty for a pool the verifier
 *     owns (daemon threads that exist only while there is work, released on close)
 * @param retryInitial the first wait after a 429 without {@code Retry-After}
 * @param minPollInterval the least time between the starts of two {@code auth_status} calls, in
 *     case Duo answers {@code waiting} without long-polling
 * @param userAgent the {@code User-Agent} header
 * @param jitter the random extra added to a retry wait, given half the wait in milliseconds
 * @param maxExchanges the most HTTP exchanges (so connections) in flight at once; more wait their turn
 */
record Tuning(Clock clock, Ticker ticker, Optional<Executor> executor, Duration retryInitial, Duration minPollInterval, String userAgent,
        LongUnaryOperator jitter, int maxExchanges) {

    /** A Duo that long-polls holds {@code auth_status} until something changes; one that does not is asked once a second. */
    static final Duration DEFAULT_MIN_POLL_INTERVAL = Duration.ofSeconds(1);

    Tuning {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ticker, "ticker");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(retryInitial, "retryInitial");
        Objects.requireNonNull(minPollInterval, "minPollInterval");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(jitter, "jitter");
        if (maxExchanges < 1) {
            throw new IllegalArgumentException("maxExchanges must be at least 1");
        }
    }

    /**
     * @param version the provider version for the user agent
     * @param ticker the source of elapsed time
     * @param clock the wall clock
     * @return production values with the given time sources: own pool, 1 s first retry, 1 s
     *     between polls, {@value ExchangeGate#DEFAULT_MAX_EXCHANGES} exchanges in flight at most
     */
    static Tuning defaults(String version, Ticker ticker, Clock clock) {
        return new Tuning(clock, ticker, Optional.empty(), RetryPolicy.DEFAULT_INITIAL, DEFAULT_MIN_POLL_INTERVAL,
                "mfa4j-duo/" + version, RetryPolicy.RANDOM_JITTER, ExchangeGate.DEFAULT_MAX_EXCHANGES);
    }
}
