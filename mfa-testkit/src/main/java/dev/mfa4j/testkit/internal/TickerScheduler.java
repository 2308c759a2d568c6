package dev.mfa4j.testkit.internal;

import dev.mfa4j.api.spi.Ticker;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the testkit's tasks later, on a {@link Ticker}: the Duo simulator's scripted answers, push
 * expiry, {@code auth_status} hold and slow faults, and the fake provider's delayed answers. Times
 * are readings taken when the cause happened (a request arrived, a push was sent), so a test that
 * advances its ticker after seeing the cause always covers the delay.
 *
 * <p>On {@link Ticker#system()} each task is scheduled on the timer thread as usual. On any other
 * ticker (a test's), the timer thread checks every {@value #CHECK_MILLIS} ms, while anything waits,
 * which tasks the ticker has reached, and runs them. Not API: this package is not exported.
 * Thread-safe.
 */
public final class TickerScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(TickerScheduler.class);

    /** How often a test's ticker is checked while tasks wait. */
    static final long CHECK_MILLIS = 5;

    private final Ticker ticker;
    private final ScheduledThreadPoolExecutor thread;
    private final boolean realTime;
    private final Set<Task> waiting = ConcurrentHashMap.newKeySet();
    private ScheduledFuture<?> checking;

    /** Something scheduled, which can be called off. */
    public interface Scheduled {
        /** Calls the task off if it has not run; harmless after. */
        void cancel();
    }

    /** A task waiting on a test's ticker; compared by identity. */
    private final class Task implements Scheduled {
        final long due;
        final Runnable action;

        Task(long due, Runnable action) {
            this.due = due;
            this.action = action;
        }

        @Override
        public void cancel() {
            waiting.remove(this);
        }
    }

    /**
     * @param ticker the time the delays are counted in
     * @param thread the one timer thread that runs the tasks
     */
    public TickerScheduler(Ticker ticker, ScheduledThreadPoolExecutor thread) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.thread = Objects.requireNonNull(thread, "thread");
        this.realTime = ticker == Ticker.system();
    }

    /** The ticker's reading now. */
    public long now() {
        return ticker.read();
    }

    /** Runs {@code action} once {@code delay} has passed from now. */
    public Scheduled after(Duration delay, Runnable action) {
        return at(now() + delay.toNanos(), action);
    }

    /** Runs {@code action} once the ticker reaches {@code due}, on the timer thread. */
    public Scheduled at(long due, Runnable action) {
        Objects.requireNonNull(action, "action");
        if (realTime) {
            try {
                ScheduledFuture<?> scheduled = thread.schedule(action, Math.max(0, due - ticker.read()), TimeUnit.NANOSECONDS);
                return () -> scheduled.cancel(false);
            } catch (RejectedExecutionException e) {
                // Shutting down: nothing later will happen.
                return () -> { };
            }
        }
        Task task = new Task(due, action);
        waiting.add(task);
        keepChecking();
        return task;
    }

    // The check that stops looks for an empty set under this same lock: no task is left unchecked.
    private synchronized void keepChecking() {
        if (checking == null) {
            try {
                checking = thread.scheduleWithFixedDelay(this::runDue, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // Shutting down.
            }
        }
    }

    private void runDue() {
        long now = ticker.read();
        for (Task task : waiting) {
            if (now - task.due >= 0 && waiting.remove(task)) {
                try {
                    task.action.run();
                } catch (RuntimeException e) {
                    // One task's failure must not stop the checks for the others.
                    LOG.warn("a scheduled testkit task failed", e);
                }
            }
        }
        synchronized (this) {
            if (waiting.isEmpty() && checking != null) {
                checking.cancel(false);
                checking = null;
            }
        }
    }
}
