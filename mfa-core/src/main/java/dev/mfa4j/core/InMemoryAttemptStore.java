package dev.mfa4j.core;

import dev.mfa4j.api.spi.AttemptStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps attempt state in memory: the default, right for a single node. Several nodes need a
 * shared {@link AttemptStore} instead, or an attacker can spread guesses across them.
 *
 * <p>Each operation is one {@link ConcurrentHashMap#compute} on the key, which is what makes it
 * atomic. Entries that hold nothing any more are removed, and expired passcode records are swept
 * now and then, so memory follows the number of principals that have tried to log in.
 *
 * <p>Thread safe.
 *
 * @since 0.1.0
 */
public final class InMemoryAttemptStore implements AttemptStore {

    private static final int SWEEP_EVERY = 1024;

    /** What is known about one key; immutable, replaced on each change. */
    private record State(int failures, Instant lockedUntil, String pendingPush, Instant pendingUntil, Instant windowStart,
            int windowPushes) {
        static final State EMPTY = new State(0, null, null, null, null, 0);

        State orNullIfEmpty() {
            return equals(EMPTY) ? null : this;
        }
    }

    private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Instant> usedPasscodes = new ConcurrentHashMap<>();
    private final AtomicInteger claimsSinceSweep = new AtomicInteger();

    /** Creates an empty store. */
    public InMemoryAttemptStore() {
    }

    @Override
    public Admission admit(String key, Instant now, int maxFailures, Duration coolDown) {
        Objects.requireNonNull(now, "now");
        Admission[] answer = new Admission[1];
        states.compute(Objects.requireNonNull(key, "key"), (k, current) -> {
            State state = current == null ? State.EMPTY : current;
            if (state.lockedUntil() != null) {
                if (now.isBefore(state.lockedUntil())) {
                    answer[0] = Admission.lockedUntil(state.lockedUntil());
                    return current;
                }
                state = new State(0, null, state.pendingPush(), state.pendingUntil(), state.windowStart(), state.windowPushes());
            }
            int failures = state.failures() + 1;
            Instant lockedUntil = failures >= maxFailures ? now.plus(coolDown) : null;
            answer[0] = Admission.ADMITTED;
            return new State(failures, lockedUntil, state.pendingPush(), state.pendingUntil(), state.windowStart(), state.windowPushes());
        });
        return answer[0];
    }

    @Override
    public void refund(String key) {
        states.computeIfPresent(Objects.requireNonNull(key, "key"), (k, state) -> new State(Math.max(0, state.failures() - 1), null,
                state.pendingPush(), state.pendingUntil(), state.windowStart(), state.windowPushes()).orNullIfEmpty());
    }

    @Override
    public void recordSuccess(String key) {
        states.computeIfPresent(Objects.requireNonNull(key, "key"),
                (k, state) -> new State(0, null, state.pendingPush(), state.pendingUntil(), null, 0).orNullIfEmpty());
    }

    @Override
    public boolean claimPasscode(String scope, String fingerprint, Instant now, Instant expiresAt) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (claimsSinceSweep.incrementAndGet() >= SWEEP_EVERY) {
            claimsSinceSweep.set(0);
            usedPasscodes.values().removeIf(expiry -> !expiry.isAfter(now));
        }
        boolean[] claimed = new boolean[1];
        usedPasscodes.compute(claimKey(scope, fingerprint), (k, expiry) -> {
            if (expiry != null && expiry.isAfter(now)) {
                return expiry;
            }
            claimed[0] = true;
            return expiresAt;
        });
        return claimed[0];
    }

    @Override
    public void releasePasscode(String scope, String fingerprint) {
        usedPasscodes.remove(claimKey(scope, fingerprint));
    }

    private static String claimKey(String scope, String fingerprint) {
        return Objects.requireNonNull(scope, "scope") + '\n' + Objects.requireNonNull(fingerprint, "fingerprint");
    }

    @Override
    public PushAdmission admitPush(String key, String pushId, Instant now, int maxPushes, Duration window, Instant expiresAt) {
        Objects.requireNonNull(pushId, "pushId");
        Objects.requireNonNull(now, "now");
        PushAdmission[] answer = new PushAdmission[1];
        states.compute(Objects.requireNonNull(key, "key"), (k, current) -> {
            State state = current == null ? State.EMPTY : current;
            if (state.pendingPush() != null && state.pendingUntil().isAfter(now)) {
                answer[0] = PushAdmission.PENDING;
                return current;
            }
            boolean windowOpen = state.windowStart() != null && now.isBefore(state.windowStart().plus(window));
            Instant windowStart = windowOpen ? state.windowStart() : now;
            int pushes = windowOpen ? state.windowPushes() : 0;
            if (pushes >= maxPushes) {
                answer[0] = PushAdmission.TOO_MANY;
                return current;
            }
            answer[0] = PushAdmission.ADMITTED;
            return new State(state.failures(), state.lockedUntil(), pushId, expiresAt, windowStart, pushes + 1);
        });
        return answer[0];
    }

    @Override
    public void endPush(String key, String pushId) {
        Objects.requireNonNull(pushId, "pushId");
        states.computeIfPresent(Objects.requireNonNull(key, "key"), (k, state) -> pushId.equals(state.pendingPush())
                ? new State(state.failures(), state.lockedUntil(), null, null, state.windowStart(), state.windowPushes()).orNullIfEmpty()
                : state);
    }
}
