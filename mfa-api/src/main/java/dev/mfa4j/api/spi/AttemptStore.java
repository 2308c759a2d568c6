package dev.mfa4j.api.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where mfa-core keeps the state that limits attempts, per principal: the count of failed
 * verifications and the lockout it leads to, the passcodes already used, and the pending push.
 * Hosts with several nodes keep it in shared storage (a database, a cache), so that an attacker
 * cannot spread guesses across nodes; a single node uses the in-memory default.
 *
 * <h2>The atomic operations a shared implementation must provide</h2>
 * Each method below is one atomic step on one key: two nodes calling it at once for the same key
 * must behave as if one call ran entirely before the other. In SQL that is a single
 * {@code UPDATE ... WHERE ...} (or {@code INSERT ... ON CONFLICT}) whose condition is the check, and
 * whose affected-row count or {@code RETURNING} clause says whether it passed; in Redis, a Lua
 * script or {@code WATCH}/{@code MULTI}. A read followed by a separate write is not enough: it lets
 * concurrent guesses through.
 *
 * <ul>
 *   <li>{@link #admit}: <em>check and count in one step</em>. Every attempt is counted as a
 *       failure when it starts, before the provider is called; a success resets the count, an
 *       attempt that ended without a verdict is {@link #refund refunded}. So N concurrent guesses
 *       let at most {@code maxFailures} reach the provider.</li>
 *   <li>{@link #claimPasscode}: <em>insert if absent</em>, so one passcode is sent to the provider
 *       at most once while it could still be valid.</li>
 *   <li>{@link #admitAndClaim}: the two above for one passcode attempt, in one call. Its default
 *       makes the two calls; a store that can do both in one round trip overrides it (each half
 *       must stay atomic; the pair need not be).</li>
 *   <li>{@link #admitPush}: <em>check and record in one step</em>: no push is pending and fewer
 *       than the maximum were sent in the window.</li>
 * </ul>
 *
 * <p>Keys are opaque strings of at most 600 characters chosen by mfa-core (a principal's
 * canonical path, optionally with a configuration name). Times come from mfa-core's clock.
 * Methods are called from any thread, concurrently; arguments are never null; implementations
 * MUST NOT return null. A failure is an unchecked exception; mfa-core then fails the verification
 * closed.
 *
 * @since 0.1.0
 */
public interface AttemptStore {

    /**
     * Whether an attempt may go ahead.
     *
     * @param admitted whether it may
     * @param lockedUntil when admitted is false: when the lockout ends
     */
    record Admission(boolean admitted, Optional<Instant> lockedUntil) {
        /** An admission. */
        public static final Admission ADMITTED = new Admission(true, Optional.empty());

        /**
         * @param until when the lockout ends
         * @return a refusal
         */
        public static Admission lockedUntil(Instant until) {
            return new Admission(false, Optional.of(until));
        }
    }

    /**
     * What {@link #admitAndClaim} did: whether the attempt was admitted (and counted), and whether
     * the passcode was claimed. A refused admission claims nothing.
     *
     * @param admission whether the attempt may go ahead, and when refused, when the lockout ends
     * @param claimed true if this call recorded the passcode as used; always false when the
     *     attempt was refused
     */
    record PasscodeAdmission(Admission admission, boolean claimed) {
        /** Admitted, counted, and the passcode claimed: it may go to the provider. */
        public static final PasscodeAdmission CLAIMED = new PasscodeAdmission(Admission.ADMITTED, true);
        /** Admitted and counted, but the passcode was already claimed and has not expired: a replay. */
        public static final PasscodeAdmission ALREADY_CLAIMED = new PasscodeAdmission(Admission.ADMITTED, false);

        /**
         * @param admission whether the attempt may go ahead
         * @param claimed whether the passcode was claimed
         * @throws NullPointerException if {@code admission} is null
         * @throws IllegalArgumentException if {@code claimed} is true for a refused admission
         */
        public PasscodeAdmission {
            Objects.requireNonNull(admission, "admission");
            if (claimed && !admission.admitted()) {
                throw new IllegalArgumentException("a refused attempt claims nothing");
            }
        }

        /**
         * @param until when the lockout ends
         * @return a refusal: nothing counted, nothing claimed
         */
        public static PasscodeAdmission lockedUntil(Instant until) {
            return new PasscodeAdmission(Admission.lockedUntil(until), false);
        }
    }

    /** Why a push was refused, or that it was admitted. */
    enum PushAdmission {
        /** The push may be sent; it is now the pending push. */
        ADMITTED,
        /** Another push for this key is pending and has not expired. */
        PENDING,
        /** The maximum number of pushes in the window was reached. */
        TOO_MANY
    }

    /**
     * One atomic step: if {@code key} is locked out at {@code now}, refuse. Otherwise (first
     * clearing a lockout that has ended, with its count) add one to the failure count; if the count
     * has thereby reached {@code maxFailures}, lock the key until {@code now + coolDown}; admit.
     *
     * @param key the principal's key
     * @param now the current time
     * @param maxFailures how many counted attempts are allowed before the lockout, at least 1
     * @param coolDown how long the lockout lasts
     * @return whether the attempt may go ahead
     */
    Admission admit(String key, Instant now, int maxFailures, Duration coolDown);

    /**
     * Takes back one counted attempt that ended without a verdict on the user (the provider was
     * unavailable, the push limit refused it...). Never goes below zero; if the count drops below
     * the maximum, the lockout is lifted.
     *
     * @param key the principal's key
     */
    void refund(String key);

    /**
     * A verification succeeded: the failure count, the lockout and the push window are cleared.
     *
     * @param key the principal's key
     */
    void recordSuccess(String key);

    /**
     * One atomic step: record {@code fingerprint} as used under {@code scope} until
     * {@code expiresAt}, unless it is recorded already and has not expired at {@code now}.
     *
     * @param scope the principal and configuration the passcode was used for
     * @param fingerprint a one-way digest of the passcode (never the passcode itself)
     * @param now the current time
     * @param expiresAt when the record may be forgotten
     * @return true if this call recorded it; false if it was already recorded
     */
    boolean claimPasscode(String scope, String fingerprint, Instant now, Instant expiresAt);

    /**
     * {@link #admit} the attempt for {@code key}, then, only if it was admitted,
     * {@link #claimPasscode} the passcode: what mfa-core does before sending a passcode to the
     * provider. A shared store overrides this to do both in one round trip (one SQL statement, one
     * script); each half must still be the atomic step its method describes.
     *
     * <ul>
     *   <li>Locked out: nothing is counted and nothing is claimed; the answer says until when
     *       ({@link PasscodeAdmission#lockedUntil}).</li>
     *   <li>Admitted, passcode claimed: the attempt is counted and the passcode recorded until
     *       {@code claimExpiresAt} ({@link PasscodeAdmission#CLAIMED}).</li>
     *   <li>Admitted, but the passcode is already recorded and has not expired at {@code now}: the
     *       attempt stays counted (a replay must not probe for free) and nothing else changes
     *       ({@link PasscodeAdmission#ALREADY_CLAIMED}).</li>
     * </ul>
     *
     * <p>If it throws, nothing was taken: an implementation that counted the attempt and then
     * failed to claim takes the count back before throwing (the default does, with
     * {@link #refund}; if that fails too, its exception is {@linkplain Throwable#getSuppressed()
     * suppressed} in the one thrown). Callers then fail the verification closed, and need not
     * refund.
     *
     * <p>Called from any thread, concurrently: of several concurrent calls with one scope and
     * fingerprint, at most one claims it; of several concurrent calls for one key, at most
     * {@code maxFailures} are admitted. The default calls {@link #admit} then
     * {@link #claimPasscode} of this store, so a store that overrides neither behaves as
     * before.
     *
     * @param key the principal's key, as for {@link #admit}
     * @param now the current time
     * @param maxFailures how many counted attempts are allowed before the lockout, at least 1
     * @param coolDown how long the lockout lasts
     * @param scope the principal and configuration the passcode is used for, as for
     *     {@link #claimPasscode}
     * @param fingerprint a one-way digest of the passcode (never the passcode itself)
     * @param claimExpiresAt when the claim may be forgotten
     * @return what was admitted and claimed; never null
     * @throws NullPointerException if an argument is null
     * @throws RuntimeException if the storage fails (nothing was taken then)
     * @since 0.1.0
     */
    default PasscodeAdmission admitAndClaim(String key, Instant now, int maxFailures, Duration coolDown, String scope,
            String fingerprint, Instant claimExpiresAt) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(coolDown, "coolDown");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(claimExpiresAt, "claimExpiresAt");
        Admission admission = admit(key, now, maxFailures, coolDown);
        if (!admission.admitted()) {
            return new PasscodeAdmission(admission, false);
        }
        boolean claimed;
        try {
            claimed = claimPasscode(scope, fingerprint, now, claimExpiresAt);
        } catch (RuntimeException e) {
            try {
                refund(key);
            } catch (RuntimeException refundFailed) {
                e.addSuppressed(refundFailed);
            }
            throw e;
        }
        return claimed ? PasscodeAdmission.CLAIMED : PasscodeAdmission.ALREADY_CLAIMED;
    }

    /**
     * Forgets a claim made by {@link #claimPasscode} (or {@link #admitAndClaim}) whose passcode was not accepted, so that the
     * record means "accepted once".
     *
     * @param scope the scope given to the claim
     * @param fingerprint the fingerprint given to the claim
     */
    void releasePasscode(String scope, String fingerprint);

    /**
     * One atomic step: refuse if a push for {@code key} is pending and expires after {@code now};
     * refuse if {@code maxPushes} pushes were already admitted in the current window (a window
     * starts with the first push after the previous window ended, or after a success, and lasts
     * {@code window}); otherwise count this push and make it the pending one, identified by
     * {@code pushId}, until {@code expiresAt}.
     *
     * @param key the principal's key
     * @param pushId identifies this push, for {@link #endPush}
     * @param now the current time
     * @param maxPushes the most pushes per window
     * @param window the length of a window
     * @param expiresAt when this push stops being pending even if never ended
     * @return whether the push may be sent, or why not
     */
    PushAdmission admitPush(String key, String pushId, Instant now, int maxPushes, Duration window, Instant expiresAt);

    /**
     * The push {@code pushId} got its answer (or expired): it is no longer pending. Does nothing if
     * another push has become the pending one since.
     *
     * @param key the principal's key
     * @param pushId the id given to {@link #admitPush}
     */
    void endPush(String key, String pushId);
}
