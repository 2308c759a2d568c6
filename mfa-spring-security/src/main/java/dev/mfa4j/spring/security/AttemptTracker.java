package dev.mfa4j.spring.security;

import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.event.MfaEvent;
import dev.mfa4j.api.event.MfaEventListener;
import dev.mfa4j.api.event.VerificationEvent;
import dev.mfa4j.core.AttemptPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells the MFA step how many attempts a user has left and when a lockout ends, so that the page
 * can say so. Register it as an event listener of the {@code MfaService} (the Spring Boot starter
 * does): it follows the service's verification events and applies the same rules as the
 * {@link AttemptPolicy} (a verdict against the user counts, a success resets, the lockout lasts
 * the cool-down).
 *
 * <p>It is a display hint only, never a decision: mfa-core's attempt store decides, and this
 * tracker sees only the verifications of its own node since it started. On several nodes, or
 * after a restart, a hint may be too generous; the lockout itself still holds. Thread safe.
 *
 * @since 0.1.0
 */
public final class AttemptTracker implements MfaEventListener {

    /** The reasons mfa-core counts against the user (AttemptGate's verdicts). */
    private static final Set<Reason> FAILURES = EnumSet.of(Reason.INVALID_PASSCODE, Reason.DENIED, Reason.FRAUD_REPORTED,
            Reason.TIMED_OUT, Reason.LOCKED_OUT);
    private static final Set<Reason> SUCCESSES = EnumSet.of(Reason.APPROVED, Reason.PROVIDER_BYPASS);
    /** Beyond this many principals with failures, entries whose lockout has ended are dropped. */
    private static final int TIDY_ABOVE = 100_000;

    private final AttemptPolicy policy;
    private final Clock clock;
    private final Map<PrincipalId, Record> records = new ConcurrentHashMap<>();

    /** One principal's failures since its last success, and its lockout. */
    private record Record(int failures, boolean locked, Instant lockedUntil) {
    }

    /**
     * @param policy the policy the service applies
     * @param clock the service's clock
     * @throws NullPointerException if an argument is null
     */
    public AttemptTracker(AttemptPolicy policy, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @return the policy this tracker follows */
    public AttemptPolicy policy() {
        return policy;
    }

    @Override
    public void onEvent(MfaEvent event) {
        if (!(event instanceof VerificationEvent verification) || verification.reason().isEmpty()) {
            return;
        }
        Reason reason = verification.reason().get();
        PrincipalId principal = verification.principal();
        if (SUCCESSES.contains(reason)) {
            records.remove(principal);
        } else if (FAILURES.contains(reason)) {
            // The store counts an attempt when it starts, so the lockout runs from the start.
            Instant started = verification.time().minus(verification.duration());
            records.compute(principal, (key, old) -> {
                Record current = live(old, clock.instant());
                int failures = current == null ? 1 : current.failures() + 1;
                return failures >= policy.maxFailures()
                        ? new Record(failures, true, started.plus(policy.coolDown()))
                        : new Record(failures, false, null);
            });
            if (records.size() > TIDY_ABOVE) {
                Instant now = clock.instant();
                records.entrySet().removeIf(entry -> live(entry.getValue(), now) == null);
            }
        } else if (reason == Reason.TOO_MANY_ATTEMPTS) {
            records.compute(principal, (key, old) -> {
                Record current = live(old, clock.instant());
                // Locked out before this node counted: the cool-down from now is an upper bound.
                return current != null && current.locked() ? current
                        : new Record(policy.maxFailures(), true, verification.time().plus(policy.coolDown()));
            });
        }
    }

    /**
     * @param principal a principal
     * @return how many more failed attempts it may make before the lockout; empty while locked out
     */
    public OptionalInt attemptsLeft(PrincipalId principal) {
        Record record = live(records.get(principal), clock.instant());
        if (record == null) {
            return OptionalInt.of(policy.maxFailures());
        }
        return record.locked() ? OptionalInt.empty() : OptionalInt.of(Math.max(0, policy.maxFailures() - record.failures()));
    }

    /**
     * @param principal a principal
     * @return whether it is locked out, as far as this node has seen
     */
    public boolean lockedOut(PrincipalId principal) {
        Record record = live(records.get(principal), clock.instant());
        return record != null && record.locked();
    }

    /**
     * @param principal a principal
     * @return when its lockout ends, if it is locked out and the end is known
     */
    public Optional<Instant> lockedUntil(PrincipalId principal) {
        Record record = live(records.get(principal), clock.instant());
        return record == null || !record.locked() ? Optional.empty() : Optional.of(record.lockedUntil());
    }

    /** A lockout that has ended is gone, with its count, as in the attempt store. */
    private Record live(Record record, Instant now) {
        if (record == null || !record.locked()) {
            return record;
        }
        return record.lockedUntil().isAfter(now) ? record : null;
    }
}
