package dev.mfa4j.core.internal;

import dev.mfa4j.api.Credential;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.spi.AttemptStore;
import dev.mfa4j.core.AttemptPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@link AttemptPolicy} around a provider call, with its state in an
 * {@link AttemptStore}. {@link #enter} runs before the provider is called and may refuse;
 * {@link #settle} runs when the verification ends and updates the state from its reason.
 *
 * <p>Every attempt is counted as a failure when it is let in (so concurrent guesses cannot slip
 * past the limit), then settled: a success resets the count, a verdict against the user keeps it,
 * and anything else (the provider unavailable, a push refused by the push limit, SMS codes sent)
 * is refunded. A replayed passcode is counted and never refunded, and never reaches the provider.
 */
public final class AttemptGate {

    private static final Logger LOG = LoggerFactory.getLogger(AttemptGate.class);

    /** Reasons that count as a success: the counts are reset. */
    private static final Set<Reason> SUCCESS = EnumSet.of(Reason.APPROVED, Reason.PROVIDER_BYPASS);
    /** Reasons that are a verdict against the user: the attempt stays counted. */
    private static final Set<Reason> FAILURE = EnumSet.of(Reason.INVALID_PASSCODE, Reason.DENIED, Reason.FRAUD_REPORTED,
            Reason.TIMED_OUT, Reason.LOCKED_OUT);

    private final AttemptStore store;
    private final AttemptPolicy policy;
    private final Clock clock;

    /**
     * @param store where the state lives
     * @param policy the limits
     * @param clock the time source
     */
    public AttemptGate(AttemptStore store, AttemptPolicy policy, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @return the policy applied */
    public AttemptPolicy policy() {
        return policy;
    }

    /** What an admitted attempt took, so it can be settled. */
    public static final class Ticket {
        private final String key;
        private String passcodeScope;
        private String fingerprint;
        private String pushId;

        private Ticket(String key) {
            this.key = key;
        }
    }

    /**
     * The answer of {@link #enter}: a ticket, or a refusal.
     *
     * @param ticket the ticket, when admitted
     * @param refusal the reason, when refused
     * @param detail why, for the audit event
     */
    public record Entry(Ticket ticket, Reason refusal, String detail) {
        /** @return whether the attempt may go to the provider */
        public boolean admitted() {
            return ticket != null;
        }
    }

    /**
     * Decides whether an attempt may go to the provider, and takes what it needs from the store.
     *
     * @param principalKey the canonical principal the attempt is for
     * @param configurationName the principal's configuration
     * @param credential what the user typed
     * @param fingerprints how that configuration's accepted passcodes are remembered; only used
     *     for a passcode (a recovery code is only counted: using it up is its own single-use guard)
     * @param passcodeLifetime how long the provider says one passcode can be accepted (zero if it
     *     does not say): an accepted passcode is refused for this long if the policy's reuse
     *     window is shorter
     * @return a ticket, or the reason the attempt is refused
     * @throws RuntimeException if the store fails (nothing was taken then)
     */
    public Entry enter(String principalKey, String configurationName, Credential credential, PasscodeFingerprints fingerprints,
            Duration passcodeLifetime) {
        Instant now = clock.instant();
        AttemptStore.Admission admission = store.admit(principalKey, now, policy.maxFailures(), policy.coolDown());
        if (!admission.admitted()) {
            return new Entry(null, Reason.TOO_MANY_ATTEMPTS, "locked out after " + policy.maxFailures() + " failed attempts until "
                    + admission.lockedUntil().map(Instant::toString).orElse("the cool-down ends"));
        }
        Ticket ticket = new Ticket(principalKey);
        try {
            if (credential instanceof Credential.Passcode passcode) {
                String scope = configurationName + '\n' + principalKey;
                String fingerprint = fingerprints.of(scope, passcode);
                Duration reuse = passcodeLifetime.compareTo(policy.passcodeReuseWindow()) > 0 ? passcodeLifetime
                        : policy.passcodeReuseWindow();
                if (!store.claimPasscode(scope, fingerprint, now, now.plus(reuse))) {
                    // Counted, never refunded: replays must not probe for free.
                    return new Entry(null, Reason.INVALID_PASSCODE, "the passcode was already used");
                }
                ticket.passcodeScope = scope;
                ticket.fingerprint = fingerprint;
            } else if (credential instanceof Credential.Keyword) {
                String pushId = UUID.randomUUID().toString();
                AttemptStore.PushAdmission push = store.admitPush(principalKey, pushId, now, policy.maxPushes(), policy.pushWindow(),
                        now.plus(policy.pushTtl()));
                if (push != AttemptStore.PushAdmission.ADMITTED) {
                    store.refund(principalKey);
                    return push == AttemptStore.PushAdmission.PENDING
                            ? new Entry(null, Reason.PUSH_PENDING, "a push for this principal is still waiting for an answer")
                            : new Entry(null, Reason.TOO_MANY_PUSHES, "more than " + policy.maxPushes() + " pushes within "
                                    + policy.pushWindow() + " since the last success");
                }
                ticket.pushId = pushId;
            }
        } catch (RuntimeException e) {
            refundQuietly(ticket.key);
            throw e;
        }
        return new Entry(ticket, null, null);
    }

    /**
     * Updates the state from how the attempt ended. Never throws: a store failure here is logged,
     * and the result stands.
     *
     * @param ticket what {@link #enter} took
     * @param reason how the attempt ended, before any fail-open
     */
    public void settle(Ticket ticket, Reason reason) {
        try {
            if (SUCCESS.contains(reason)) {
                store.recordSuccess(ticket.key);
            } else {
                if (!FAILURE.contains(reason)) {
                    store.refund(ticket.key);
                }
                if (ticket.fingerprint != null) {
                    // The record means "accepted once"; this passcode was not.
                    store.releasePasscode(ticket.passcodeScope, ticket.fingerprint);
                }
            }
            if (ticket.pushId != null) {
                store.endPush(ticket.key, ticket.pushId);
            }
        } catch (RuntimeException e) {
            LOG.warn("MFA-CORE-016 the attempt store failed while recording the end of an attempt for {}: {}", ticket.key,
                    e.getClass().getName());
        }
    }

    private void refundQuietly(String key) {
        try {
            store.refund(key);
        } catch (RuntimeException e) {
            LOG.warn("MFA-CORE-016 the attempt store failed while refunding an attempt for {}: {}", key, e.getClass().getName());
        }
    }
}
