package dev.mfa4j.duo.internal;

import dev.mfa4j.api.spi.Ticker;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every wait of one verifier, measured on its {@link Ticker}: the time limit of an HTTP exchange,
 * the wait for a free connection, the pause between two {@code auth_status} polls and the wait
 * before a rate-limited call is tried again. The provider reads elapsed time nowhere else.
 *
 * <p>Deadlines are ticker readings, taken before the thing they bound starts (a request is sent
 * after its deadline was read). So a test that advances its ticker once it has seen the request
 * arrive always passes the deadline, whichever thread gets there first.
 *
 * <p>No timer task per wait: one daemon thread, shared by every verifier in the JVM, checks the
 * waits in progress every {@value #TICK_MILLIS} ms, and only while there are any. A wait therefore
 * ends up to one tick late, never early, which is nothing next to the seconds a request timeout
 * allows. What is due runs on the verifier's executor, never on the shared thread, so a host's slow
 * callback (an attempt store's write, say) cannot hold up other verifiers' deadlines.
 *
 * <p>Why not {@code orTimeout} or {@code delayedExecutor}: they wait in real time, which tests
 * cannot move; and each schedules and cancels a task on the JDK's timer thread, which at low
 * concurrency wakes that thread for every call (the benchmarks measured 12 to 20 µs of CPU per
 * passcode).
 *
 * <p>Thread safe.
 */
final class TickerTimer {

    /** How often the waits in progress are checked. */
    static final long TICK_MILLIS = 50;

    private static final ScheduledThreadPoolExecutor SWEEPER = sweeper();

    private final Ticker ticker;
    private final Executor executor;
    private final long tickMillis;
    private final Set<Alarm> pending = ConcurrentHashMap.newKeySet();
    private final AtomicLong fired = new AtomicLong();
    /** One sweep at a time: when a test's sweep returns, whatever was due has been handed on. */
    private final Object sweeping = new Object();
    private ScheduledFuture<?> ticking;

    /**
     * @param ticker where time is read
     * @param executor where what is due runs
     */
    TickerTimer(Ticker ticker, Executor executor) {
        this(ticker, executor, TICK_MILLIS);
    }

    /**
     * @param ticker where time is read
     * @param executor where what is due runs
     * @param tickMillis how often to check, at least 1
     */
    TickerTimer(Ticker ticker, Executor executor, long tickMillis) {
        if (tickMillis < 1) {
            throw new IllegalArgumentException("tickMillis must be at least 1");
        }
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.tickMillis = tickMillis;
    }

    /**
     * Something to run once the ticker reaches {@code due}. Compared by identity: two alarms with
     * the same reading are two alarms.
     */
    private static final class Alarm {
        final long due;
        final Runnable action;
        /** A pause (a poll pause, a retry wait) rather than a limit on something in progress. */
        final boolean pause;

        Alarm(long due, Runnable action, boolean pause) {
            this.due = due;
            this.action = action;
            this.pause = pause;
        }
    }

    private static ScheduledThreadPoolExecutor sweeper() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "mfa4j-duo-timer");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /** @return the ticker's reading now */
    long now() {
        return ticker.read();
    }

    /**
     * @param limit a time from now
     * @return the reading {@code limit} from now
     */
    long deadlineIn(Duration limit) {
        return ticker.read() + limit.toNanos();
    }

    /**
     * @param deadline a reading
     * @return the time from now until {@code deadline}; negative once it has passed
     */
    Duration left(long deadline) {
        return Duration.ofNanos(deadline - ticker.read());
    }

    /**
     * @param source what to bound; it is not changed (the caller cancels it on timeout)
     * @param deadline the reading by which it must have completed
     * @param <T> the result type
     * @return a future completed as {@code source} is, or exceptionally with a
     *     {@link TimeoutException} once the ticker reaches {@code deadline} (up to one tick later)
     */
    <T> CompletableFuture<T> bound(CompletableFuture<T> source, long deadline) {
        if (source.isDone()) {
            return source.copy();
        }
        CompletableFuture<T> bounded = new CompletableFuture<>();
        Alarm alarm = new Alarm(deadline, () -> bounded.completeExceptionally(new TimeoutException("time limit passed")), false);
        add(alarm);
        source.whenComplete((value, failure) -> {
            pending.remove(alarm);
            if (failure == null) {
                bounded.complete(value);
            } else {
                bounded.completeExceptionally(failure);
            }
        });
        return bounded;
    }

    /**
     * Completes {@code future} with {@code value} once the ticker reaches {@code deadline}, unless
     * it was completed before; the alarm is forgotten as soon as the future completes.
     *
     * @param future the future to end
     * @param value its value at the deadline
     * @param deadline the reading
     * @param <T> the value type
     */
    <T> void completeAt(CompletableFuture<T> future, T value, long deadline) {
        if (future.isDone()) {
            return;
        }
        Alarm alarm = new Alarm(deadline, () -> future.complete(value), false);
        add(alarm);
        future.whenComplete((v, e) -> pending.remove(alarm));
    }

    /**
     * @param due a reading
     * @return a future completed once the ticker reaches {@code due}: at once (on this thread) if it
     *     has, else on the executor
     */
    CompletableFuture<Void> at(long due) {
        if (ticker.read() - due >= 0) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> reached = new CompletableFuture<>();
        add(new Alarm(due, () -> reached.complete(null), true));
        return reached;
    }

    /**
     * @param wait how long
     * @return a future completed once {@code wait} has passed: at once if it is not positive
     */
    CompletableFuture<Void> after(Duration wait) {
        return at(deadlineIn(wait));
    }

    /** @return waits in progress: limits and pauses */
    int pending() {
        return pending.size();
    }

    /** @return pauses in progress (poll pauses, retry waits): a verifier waiting on nothing but time */
    int pauses() {
        int pauses = 0;
        for (Alarm alarm : pending) {
            if (alarm.pause) {
                pauses++;
            }
        }
        return pauses;
    }

    /** @return how many waits have come due so far, whichever thread found them: tests count on it */
    long fired() {
        return fired.get();
    }

    /** @return whether the shared thread checks this timer now */
    synchronized boolean sweeping() {
        return ticking != null;
    }

    private void add(Alarm alarm) {
        pending.add(alarm);
        keepSweeping();
    }

    // The sweep that stops checking looks for emptiness under this same lock, so an alarm added
    // before it runs is never left unchecked.
    private synchronized void keepSweeping() {
        if (ticking == null) {
            ticking = SWEEPER.scheduleWithFixedDelay(this::sweep, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Hands every alarm that is due to the executor; the shared thread calls it every tick. Tests
     * may call it to see at once what an advance of their ticker set off.
     */
    void sweep() {
        synchronized (sweeping) {
            long now = ticker.read();
            for (Alarm alarm : pending) {
                if (now - alarm.due >= 0 && pending.remove(alarm)) {
                    fired.incrementAndGet();
                    run(alarm.action);
                }
            }
        }
        synchronized (this) {
            if (pending.isEmpty() && ticking != null) {
                ticking.cancel(false);
                ticking = null;
            }
        }
    }

    private void run(Runnable action) {
        try {
            executor.execute(action);
        } catch (RejectedExecutionException e) {
            // The verifier's own pool is shut down only once nothing is in flight; should an alarm
            // outlive it anyway, completing its future here is quick and keeps nobody waiting.
            action.run();
        }
    }
}
