package dev.mfa4j.core;

import dev.mfa4j.api.spi.AttemptStore;
import dev.mfa4j.core.internal.AttemptRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

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

    private final ConcurrentHashMap<String, AttemptRecord> states = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Instant> usedPasscodes = new ConcurrentHashMap<>();
    private final AtomicInteger claimsSinceSweep = new AtomicInteger();

    /** Creates an empty store. */
    public InMemoryAttemptStore() {
    }

    @Override
    public Admission admit(String key, Instant now, int maxFailures, Duration coolDown) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(coolDown, "coolDown");
        return step(key, state -> state.admit(now, maxFailures, coolDown));
    }

    @Override
    public void refund(String key) {
        states.computeIfPresent(Objects.requireNonNull(key, "key"), (k, state) -> orNull(state.refunded()));
    }

    @Override
    public void recordSuccess(String key) {
        states.computeIfPresent(Objects.requireNonNull(key, "key"), (k, state) -> orNull(state.succeeded()));
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
            if (!AttemptRecord.claimable(expiry, now)) {
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
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(expiresAt, "expiresAt");
        return step(key, state -> state.admitPush(pushId, now, maxPushes, window, expiresAt));
    }

    @Override
    public void endPush(String key, String pushId) {
        Objects.requireNonNull(pushId, "pushId");
        states.computeIfPresent(Objects.requireNonNull(key, "key"), (k, state) -> orNull(state.pushEnded(pushId)));
    }

    /** Applies one operation to a key's record in one {@code compute}, and returns its answer. */
    private <T> T step(String key, Function<AttemptRecord, AttemptRecord.Step<T>> operation) {
        List<T> answer = new ArrayList<>(1);
        states.compute(Objects.requireNonNull(key, "key"), (k, current) -> {
            AttemptRecord.Step<T> step = operation.apply(current == null ? AttemptRecord.EMPTY : current);
            answer.add(step.answer());
            return orNull(step.record());
        });
        return answer.get(0);
    }

    private static AttemptRecord orNull(AttemptRecord record) {
        return record.isEmpty() ? null : record;
    }
}
