package dev.mfa4j.core;

import dev.mfa4j.api.spi.AttemptStore;
import dev.mfa4j.core.internal.AttemptRecord;
import dev.mfa4j.core.internal.ClaimedPasscodes;
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
 * now and then, so memory follows the number of principals that have tried to log in. A used
 * passcode is held as 40 bytes of primitives until its reuse window ends, no object of its own.
 *
 * <p>Thread safe.
 *
 * @since 0.1.0
 */
public final class InMemoryAttemptStore implements AttemptStore {

    private static final int SWEEP_EVERY = 1024;

    private final ConcurrentHashMap<String, AttemptRecord> states = new ConcurrentHashMap<>();
    /** Claimed passcodes by scope; flat arrays of primitives, so they cost the GC next to nothing. */
    private final ConcurrentHashMap<String, ClaimedPasscodes> usedPasscodes = new ConcurrentHashMap<>();
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
        Objects.requireNonNull(scope, "scope");
        ClaimedPasscodes.Fingerprint claimed = ClaimedPasscodes.Fingerprint.of(fingerprint);
        long nowNanos = ClaimedPasscodes.epochNanos(Objects.requireNonNull(now, "now"));
        long expiresNanos = ClaimedPasscodes.epochNanos(Objects.requireNonNull(expiresAt, "expiresAt"));
        // A sweep visits every scope, so it comes once per as many claims as there are scopes (at
        // least SWEEP_EVERY): constant work per claim, however many principals there are.
        if (claimsSinceSweep.incrementAndGet() >= Math.max(SWEEP_EVERY, usedPasscodes.size())) {
            claimsSinceSweep.set(0);
            // For scopes nobody has claimed in since their claims expired; a claim drops its own
            // scope's expired claims.
            usedPasscodes.forEach((key, claims) -> usedPasscodes.computeIfPresent(key, (k, current) -> {
                current.dropExpired(nowNanos);
                return current.isEmpty() ? null : current;
            }));
        }
        boolean[] recorded = new boolean[1];
        usedPasscodes.compute(scope, (k, claims) -> {
            ClaimedPasscodes current = claims == null ? new ClaimedPasscodes() : claims;
            recorded[0] = current.claim(claimed, nowNanos, expiresNanos);
            return current;
        });
        return recorded[0];
    }

    @Override
    public void releasePasscode(String scope, String fingerprint) {
        ClaimedPasscodes.Fingerprint released = ClaimedPasscodes.Fingerprint.of(fingerprint);
        usedPasscodes.computeIfPresent(Objects.requireNonNull(scope, "scope"), (k, claims) -> {
            claims.release(released);
            return claims.isEmpty() ? null : claims;
        });
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
