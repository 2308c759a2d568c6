package dev.mfa4j.duo.internal;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Caps the HTTP exchanges a verifier has in flight, and so its connections: java.net.http opens one
 * HTTP/1.1 connection per exchange in flight, and each costs a TLS handshake and some tens of
 * kilobytes of heap while it is open. Calls past the cap wait their turn in arrival order, holding
 * no thread; one that cannot start within its time limit ends unsent. Thread safe.
 */
final class ExchangeGate {

    /** The default cap: well above an interactive load, well below the heap 10,000 open connections need. */
    static final int DEFAULT_MAX_EXCHANGES = 1024;

    private static final CompletableFuture<Boolean> ADMITTED = CompletableFuture.completedFuture(true);

    private final int max;
    private final TickerTimer timer;
    private final ArrayDeque<CompletableFuture<Boolean>> waiting = new ArrayDeque<>();
    private int active;

    /**
     * @param max the most exchanges in flight at once, at least 1
     * @param timer ends the waits of callers whose deadline passes
     */
    ExchangeGate(int max, TickerTimer timer) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1");
        }
        this.max = max;
        this.timer = Objects.requireNonNull(timer, "timer");
    }

    /** @return the cap */
    int max() {
        return max;
    }

    /**
     * @param deadline the timer's reading until which the caller may wait for its turn
     * @return true once the caller may start its exchange (it must then call {@link #release()}
     *     exactly once), false if the deadline passed first (it must not release)
     */
    CompletableFuture<Boolean> acquire(long deadline) {
        CompletableFuture<Boolean> turn;
        synchronized (this) {
            if (active < max) {
                active++;
                return ADMITTED;
            }
            turn = new CompletableFuture<>();
            waiting.add(turn);
        }
        timer.completeAt(turn, false, deadline);
        return turn;
    }

    /** Ends an exchange: its slot goes to the longest-waiting caller still waiting, else is freed. */
    void release() {
        while (true) {
            CompletableFuture<Boolean> next;
            synchronized (this) {
                next = waiting.poll();
                if (next == null) {
                    active--;
                    return;
                }
            }
            // Outside the lock: completing runs the caller's exchange start on this thread.
            if (next.complete(true)) {
                return;
            }
            // That caller's limit had passed; the slot goes on down the queue.
        }
    }

    /** @return exchanges in flight now */
    synchronized int active() {
        return active;
    }

    /** @return callers waiting now (some may have given up and not yet been skipped) */
    synchronized int waiting() {
        return waiting.size();
    }
}
