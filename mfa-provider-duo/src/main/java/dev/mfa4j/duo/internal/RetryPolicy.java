package dev.mfa4j.duo.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * When to try again after Duo's rate limit (HTTP 429), the only answer that is retried: Duo
 * refused the request before acting on it, so a retry cannot spend a passcode twice.
 *
 * <p>Waits {@code initial}, then twice as long each time, plus a random jitter of up to half the
 * wait (so many clients limited at once do not come back together); a {@code Retry-After} from
 * Duo replaces the computed wait. Gives up when the next wait would end after the budget, or
 * after {@value #MAX_RETRIES} retries.
 *
 * @param initial the first wait
 * @param budget the most time all waits together may take; zero disables retries
 * @param jitter maps a wait in milliseconds to the random extra to add (0 to the value given)
 */
record RetryPolicy(Duration initial, Duration budget, LongUnaryOperator jitter) {

    /** However short the waits, no more retries than this for one call. */
    static final int MAX_RETRIES = 8;

    /** Duo's clients start at one second. */
    static final Duration DEFAULT_INITIAL = Duration.ofSeconds(1);

    RetryPolicy {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(jitter, "jitter");
    }

    /** A random extra from 0 to the bound given, inclusive. */
    static final LongUnaryOperator RANDOM_JITTER = bound -> bound <= 0 ? 0 : ThreadLocalRandom.current().nextLong(bound + 1);

    /**
     * @param retriesSoFar how many retries were already made (0 before the first)
     * @param waitedSoFar the time already spent waiting
     * @param retryAfter what Duo asked for, if it did
     * @param limit a further bound, such as the time left before a push deadline
     * @return how long to wait before the next try, or empty to give up
     */
    Optional<Duration> nextWait(int retriesSoFar, Duration waitedSoFar, Optional<Duration> retryAfter, Duration limit) {
        if (budget.isZero() || retriesSoFar >= MAX_RETRIES) {
            return Optional.empty();
        }
        Duration wait;
        if (retryAfter.isPresent()) {
            wait = retryAfter.get();
        } else {
            long base = initial.toMillis() << Math.min(retriesSoFar, 20);
            wait = Duration.ofMillis(base + jitter.applyAsLong(base / 2));
        }
        Duration left = budget.minus(waitedSoFar);
        if (limit.compareTo(left) < 0) {
            left = limit;
        }
        return wait.compareTo(left) <= 0 ? Optional.of(wait) : Optional.empty();
    }
}
