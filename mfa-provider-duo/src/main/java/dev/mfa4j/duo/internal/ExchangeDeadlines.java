package dev.mfa4j.duo.internal;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Time limits for HTTP exchanges without a timer task per exchange: one daemon thread, shared by
 * every verifier in the JVM, sweeps the exchanges in flight every {@value #TICK_MILLIS} ms, and
 * only while there are any. A limit therefore fires up to one tick late, which is nothing next to
 * the seconds a request timeout allows; the push deadline itself is enforced by the time checks of
 * the push flow (and again by mfa-core), not by this timer.
 *
 * <p>Why: {@code CompletableFuture.orTimeout} schedules and cancels a task per call on the JDK's
 * timer thread, and at low concurrency each new task is the earliest, so the thread wakes for
 * every call. The benchmarks measured that thread at 12 to 20 µs of CPU per passcode.
 *
 * <p>Thread safe.
 */
final class ExchangeDeadlines {

    /** How often exchanges in flight are checked. */
    static final long TICK_MILLIS = 50;

    private static final ScheduledThreadPoolExecutor SWEEPER = sweeper();

    private final Set<Limit> pending = ConcurrentHashMap.newKeySet();
    private final long tickMillis;
    private ScheduledFuture<?> ticking;

    /** Limits swept every {@value #TICK_MILLIS} ms. */
    ExchangeDeadlines() {
        this(TICK_MILLIS);
    }

    /** @param tickMillis how often to sweep, at least 1 */
    ExchangeDeadlines(long tickMillis) {
        if (tickMillis < 1) {
            throw new IllegalArgumentException("tickMillis must be at least 1");
        }
        this.tickMillis = tickMillis;
    }

    /** A future to fail with a timeout, and when. */
    private record Limit(CompletableFuture<?> bounded, long deadlineNanos) {
    }

    private static ScheduledThreadPoolExecutor sweeper() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "mfa4j-duo-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /**
     * @param source the exchange's future; it is not changed (the caller cancels it on timeout)
     * @param limit how long it may take
     * @param <T> the result type
     * @return a future completed as {@code source} is, or exceptionally with a
     *     {@link TimeoutException} once {@code limit} has passed (up to one tick later)
     */
    <T> CompletableFuture<T> bound(CompletableFuture<T> source, Duration limit) {
        if (source.isDone()) {
            return source.copy();
        }
        CompletableFuture<T> bounded = new CompletableFuture<>();
        Limit entry = new Limit(bounded, System.nanoTime() + limit.toNanos());
        pending.add(entry);
        startSweeping();
        source.whenComplete((value, failure) -> {
            pending.remove(entry);
            if (failure == null) {
                bounded.complete(value);
            } else {
                bounded.completeExceptionally(failure);
            }
        });
        return bounded;
    }

    /** @return exchanges being watched now */
    int pending() {
        return pending.size();
    }

    /** @return whether the sweeper is scheduled for this instance */
    synchronized boolean sweeping() {
        return ticking != null;
    }

    // The sweep that stops ticking checks for emptiness under this same lock, so an entry added
    // before this runs is never left without a sweep.
    private synchronized void startSweeping() {
        if (ticking == null) {
            ticking = SWEEPER.scheduleWithFixedDelay(this::sweep, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Limit entry : pending) {
            if (now - entry.deadlineNanos() >= 0 && pending.remove(entry)) {
                entry.bounded().completeExceptionally(new TimeoutException("time limit passed"));
            }
        }
        synchronized (this) {
            if (pending.isEmpty() && ticking != null) {
                ticking.cancel(false);
                ticking = null;
            }
        }
    }
}
