package dev.mfa4j.core.internal;

import dev.mfa4j.api.spi.AttemptStore.Admission;
import dev.mfa4j.api.spi.AttemptStore.PushAdmission;
import java.time.Duration;
import java.time.Instant;

/**
 * What an attempt store knows about one key, with the {@link dev.mfa4j.api.spi.AttemptStore}
 * operations on it as pure functions. Every embedded attempt store applies these, each in its own
 * atomic step (a map's {@code compute}, a locked file), so they share one meaning.
 *
 * @param failures attempts counted since the last success or lockout end
 * @param lockedUntil when the lockout ends; null if not locked
 * @param pendingPush the id of the pending push; null if none
 * @param pendingUntil when the pending push stops being pending; null if none
 * @param windowStart when the current push window started; null if none
 * @param windowPushes pushes admitted in the current window
 */
public record AttemptRecord(int failures, Instant lockedUntil, String pendingPush, Instant pendingUntil, Instant windowStart,
        int windowPushes) {

    /** Nothing known: the state of every key never seen. */
    public static final AttemptRecord EMPTY = new AttemptRecord(0, null, null, null, null, 0);

    /**
     * A record after an operation, and the operation's answer.
     *
     * @param record the new record; {@link #EMPTY} when nothing is left to keep
     * @param answer what the operation answers
     * @param <T> the answer's type
     */
    public record Step<T>(AttemptRecord record, T answer) {
    }

    /** @return whether this record holds nothing, so a store may forget the key */
    public boolean isEmpty() {
        return equals(EMPTY);
    }

    /**
     * {@link dev.mfa4j.api.spi.AttemptStore#admit}: refuse while locked; else count the attempt,
     * locking once the count reaches {@code maxFailures}.
     *
     * @param now the current time
     * @param maxFailures counted attempts before the lockout
     * @param coolDown how long the lockout lasts
     * @return the new record and the admission
     */
    public Step<Admission> admit(Instant now, int maxFailures, Duration coolDown) {
        AttemptRecord start = this;
        if (lockedUntil != null) {
            if (now.isBefore(lockedUntil)) {
                return new Step<>(this, Admission.lockedUntil(lockedUntil));
            }
            start = new AttemptRecord(0, null, pendingPush, pendingUntil, windowStart, windowPushes);
        }
        int counted = start.failures + 1;
        Instant locked = counted >= maxFailures ? now.plus(coolDown) : null;
        return new Step<>(new AttemptRecord(counted, locked, pendingPush, pendingUntil, windowStart, windowPushes), Admission.ADMITTED);
    }

    /** @return {@link dev.mfa4j.api.spi.AttemptStore#refund}: one attempt fewer, never below zero, and no lockout */
    public AttemptRecord refunded() {
        return new AttemptRecord(Math.max(0, failures - 1), null, pendingPush, pendingUntil, windowStart, windowPushes);
    }

    /** @return {@link dev.mfa4j.api.spi.AttemptStore#recordSuccess}: count, lockout and push window cleared */
    public AttemptRecord succeeded() {
        return new AttemptRecord(0, null, pendingPush, pendingUntil, null, 0);
    }

    /**
     * {@link dev.mfa4j.api.spi.AttemptStore#admitPush}: refuse while another push is pending or
     * the window is full; else make this push the pending one and count it.
     *
     * @param pushId the push's id
     * @param now the current time
     * @param maxPushes pushes per window
     * @param window the window's length
     * @param expiresAt when this push stops being pending
     * @return the new record and the answer
     */
    public Step<PushAdmission> admitPush(String pushId, Instant now, int maxPushes, Duration window, Instant expiresAt) {
        if (pendingPush != null && pendingUntil.isAfter(now)) {
            return new Step<>(this, PushAdmission.PENDING);
        }
        boolean windowOpen = windowStart != null && now.isBefore(windowStart.plus(window));
        int pushes = windowOpen ? windowPushes : 0;
        if (pushes >= maxPushes) {
            return new Step<>(this, PushAdmission.TOO_MANY);
        }
        return new Step<>(new AttemptRecord(failures, lockedUntil, pushId, expiresAt, windowOpen ? windowStart : now, pushes + 1),
                PushAdmission.ADMITTED);
    }

    /**
     * @param pushId the push that ended
     * @return {@link dev.mfa4j.api.spi.AttemptStore#endPush}: no longer pending, if it still was
     */
    public AttemptRecord pushEnded(String pushId) {
        return pushId.equals(pendingPush) ? new AttemptRecord(failures, lockedUntil, null, null, windowStart, windowPushes) : this;
    }

    /**
     * {@link dev.mfa4j.api.spi.AttemptStore#claimPasscode}'s rule for one passcode record.
     *
     * @param recordedUntil when an existing record of the passcode expires; null if none
     * @param now the current time
     * @return whether the passcode may be claimed now
     */
    public static boolean claimable(Instant recordedUntil, Instant now) {
        return recordedUntil == null || !recordedUntil.isAfter(now);
    }
}
