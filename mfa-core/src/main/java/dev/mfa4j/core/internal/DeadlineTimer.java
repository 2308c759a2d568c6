package dev.mfa4j.core.internal;

import dev.mfa4j.api.spi.Ticker;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Bounds futures with a deadline without a timer per future: one shared daemon thread sweeps the
 * pending ones every {@value #TICK_MILLIS} ms, and only while there are any. Deadlines are read
 * from a {@link Ticker}, so a test that advances its own ticker past one sees it fire at the next
 * sweep, however busy the machine. A deadline therefore fires up to one tick late; callers that
 * must not accept an answer after the deadline check the time themselves when the answer arrives
 * (the engine does, for pushes).
 *
 * <p>Why: {@code CompletableFuture.orTimeout} schedules (and cancels) a timer task per call, and
 * at low concurrency each new task is the earliest, which wakes the timer thread on every
 * verification; the benchmarks measured it as a tenth of the client CPU per passcode.
 *
 * <p>Thread safe.
 */
public final class DeadlineTimer {

    /** How often pending deadlines are checked. */
    static final long TICK_MILLIS = 100;

    private static final ScheduledThreadPoolExecutor SWEEPER = sweeper();

    private final Set<Watch> pending = ConcurrentHashMap.newKeySet();
    private final Ticker ticker;
    private final long tickMillis;
    private ScheduledFuture<?> ticking;

    /**
     * A timer that sweeps every {@value #TICK_MILLIS} ms.
     *
     * @param ticker where deadlines are read
     */
    public DeadlineTimer(Ticker ticker) {
        this(ticker, TICK_MILLIS);
    }

    /**
     * @param ticker where deadlines are read
     * @param tickMillis how often to sweep; tests use a long tick to see what happens between sweeps
     */
    DeadlineTimer(Ticker ticker, long tickMillis) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.tickMillis = tickMillis;
    }

    /** A future and the moment it must have ended by. */
    private record Watch(CompletableFuture<?> bounded, long deadlineNanos) {
    }

    private static ScheduledThreadPoolExecutor sweeper() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "mfa4j-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /**
     * @param source the future to bound; it is not changed
     * @param limit how long it may take
     * @param <T> the result type
     * @return a future completed as {@code source} is, or exceptionally with a
     *     {@link TimeoutException} once {@code limit} has passed (up to one tick later)
     */
    public <T> CompletableFuture<T> bound(CompletableFuture<T> source, Duration limit) {
        if (source.isDone()) {
            return source.copy();
        }
        CompletableFuture<T> bounded = new CompletableFuture<>();
        Watch watch = new Watch(bounded, ticker.read() + limit.toNanos());
        pending.add(watch);
        keepTicking();
        source.whenComplete((value, failure) -> {
            pending.remove(watch);
            if (failure == null) {
                bounded.complete(value);
            } else {
                bounded.completeExceptionally(failure);
            }
        });
        return bounded;
    }

    // Added before this runs, a watch is seen by the sweep that might otherwise stop ticking:
    // both run under this lock, so no watch is left without a sweeper.
    private synchronized void keepTicking() {
        if (ticking == null) {
            ticking = SWEEPER.scheduleWithFixedDelay(this::sweep, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Ends every watched future whose deadline has passed now; the shared thread calls it every tick. */
    void sweep() {
        long now = ticker.read();
        for (Watch watch : pending) {
            if (now - watch.deadlineNanos() >= 0 && pending.remove(watch)) {
                watch.bounded().completeExceptionally(new TimeoutException("deadline passed"));
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
