package dev.mfa4j.testkit.duo.internal;

import dev.mfa4j.testkit.duo.DuoUser;
import dev.mfa4j.testkit.internal.TickerScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One authentication attempt with a txid, and the long-polls waiting on it. A waiting
 * {@code auth_status} costs a future and a timer entry, never a thread: it is completed by
 * whichever thread changes the state, or by the timer at the hold limit. Thread-safe: state
 * changes and waiter lists are guarded by this object's lock, and futures are completed outside
 * it.
 */
public final class Transaction {

    private final String txid;
    private final DuoUser user;
    private final String factor;
    private final String deviceId;
    private final String verificationCode;

    private TxState state;
    private int version;
    // The version the last answered auth_status saw: a newer one is answered at once.
    private int reported;
    private final List<CompletableFuture<TxState>> pollers = new ArrayList<>();
    private final List<CompletableFuture<TxState>> finalWaiters = new ArrayList<>();
    private final CompletableFuture<Void> codeShown = new CompletableFuture<>();

    /**
     * @param verificationCode the Verified Push code, or null for none
     */
    public Transaction(String txid, DuoUser user, String factor, String deviceId,
                       String verificationCode, TxState initial) {
        this.txid = txid;
        this.user = user;
        this.factor = factor;
        this.deviceId = deviceId;
        this.verificationCode = verificationCode;
        this.state = initial;
        this.version = 1;
    }

    public String txid() {
        return txid;
    }

    public DuoUser user() {
        return user;
    }

    public String factor() {
        return factor;
    }

    public String deviceId() {
        return deviceId;
    }

    /** The Verified Push code, if this is a Verified Push. */
    public Optional<String> verificationCode() {
        return Optional.ofNullable(verificationCode);
    }

    /**
     * Completes once an {@code auth_status} answer carried this Verified Push's code to the client
     * (a waiting state, whose message shows it); never for an ordinary push.
     */
    public CompletableFuture<Void> codeShown() {
        return codeShown;
    }

    /** The current state. */
    public synchronized TxState state() {
        return state;
    }

    /** Moves to a final state; false (and no change) if already final. */
    public boolean finish(TxState finalState) {
        List<CompletableFuture<TxState>> toComplete;
        synchronized (this) {
            if (state.isFinal()) {
                return false;
            }
            state = finalState;
            version++;
            toComplete = new ArrayList<>(pollers);
            toComplete.addAll(finalWaiters);
            if (!pollers.isEmpty()) {
                reported = version;
            }
            pollers.clear();
            finalWaiters.clear();
        }
        toComplete.forEach(f -> f.complete(finalState));
        return true;
    }

    /**
     * An {@code auth_status} long-poll: completes at once with a state this transaction has not
     * reported yet, or a final one; otherwise when the state changes, or with the unchanged
     * state once {@code holdLimit} has passed on the simulator's timer (counted from this call,
     * so a test that advances its ticker once it sees the poll parked covers the hold).
     */
    public CompletableFuture<TxState> poll(TickerScheduler timer, Duration holdLimit) {
        long due = timer.now() + holdLimit.toNanos();
        CompletableFuture<TxState> future = new CompletableFuture<>();
        future.thenAccept(this::noteShown);
        TxState now;
        synchronized (this) {
            now = state;
            if (version > reported || state.isFinal()) {
                reported = version;
            } else {
                pollers.add(future);
                now = null;
            }
        }
        if (now != null) {
            future.complete(now);
            return future;
        }
        TickerScheduler.Scheduled release = timer.at(due, () -> {
            TxState current;
            synchronized (this) {
                pollers.remove(future);
                current = state;
            }
            future.complete(current);
        });
        // Frees the timer entry at once when the state changes first.
        future.whenComplete((s, e) -> release.cancel());
        return future;
    }

    private void noteShown(TxState answered) {
        if (verificationCode != null && !answered.isFinal()) {
            codeShown.complete(null);
        }
    }

    /** Completes with the final state, however long that takes (a synchronous {@code /auth}). */
    public CompletableFuture<TxState> awaitFinal() {
        CompletableFuture<TxState> future = new CompletableFuture<>();
        synchronized (this) {
            if (state.isFinal()) {
                future.complete(state);
            } else {
                finalWaiters.add(future);
            }
        }
        return future;
    }

    /** How many long-polls are parked on this transaction now. */
    public synchronized int parkedPolls() {
        return pollers.size();
    }
}
