package dev.mfa4j.core;

import dev.mfa4j.api.Caller;
import dev.mfa4j.api.InvalidInputException;
import dev.mfa4j.api.ManagementAccessDeniedException;
import dev.mfa4j.api.ManagementOperation;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.RecoveryCodeStatus;
import dev.mfa4j.api.RecoveryCodes;
import dev.mfa4j.api.StoreException;
import dev.mfa4j.api.event.EnrollmentEvent;
import dev.mfa4j.api.spi.StoredEnrollment;
import dev.mfa4j.core.internal.Authorization;
import dev.mfa4j.core.internal.EnrollmentSlots;
import dev.mfa4j.core.internal.EventDispatcher;
import dev.mfa4j.core.internal.GuardedEnrollmentStore;
import dev.mfa4j.core.internal.GuardedStore;
import dev.mfa4j.core.internal.RecoveryCodeBook;
import dev.mfa4j.core.internal.ResourcePaths;
import dev.mfa4j.core.internal.SecretSealer;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A principal's recovery codes, on behalf of one caller: one-time codes for the day its usual
 * second factor is lost, whatever its provider. A code is typed where a passcode is
 * ({@code mfa.verify(bob, "K7QM-2XH4-PD9W-3FNA")}), counts toward the lockout like any passcode,
 * works once (across every node sharing the enrollment store), and its use is audited as factor
 * {@code recovery-code}, never saying which code. Only Argon2id hashes are kept (see
 * {@link RecoveryCodePolicy}); a new set replaces the old one.
 *
 * <p>Every method first asks the host's authorizer, on
 * {@code mfa/principals/<principal path>/recovery-codes}: UPDATE to generate, READ for the status,
 * DELETE to remove. Each change emits an {@link EnrollmentEvent}.
 *
 * <p>Thread safe. Obtained from {@link MfaService#recoveryCodes(Caller)}.
 *
 * @since 0.1.0
 */
public final class MfaRecoveryCodes {

    private final Caller caller;
    private final GuardedStore store;
    private final GuardedEnrollmentStore enrollments;
    private final Authorization authorization;
    private final SecretSealer sealer;
    private final RecoveryCodeBook book;
    private final EventDispatcher events;
    private final Clock clock;

    MfaRecoveryCodes(Caller caller, GuardedStore store, GuardedEnrollmentStore enrollments, Authorization authorization, SecretSealer sealer,
            RecoveryCodeBook book, EventDispatcher events, Clock clock) {
        this.caller = caller;
        this.store = store;
        this.enrollments = enrollments;
        this.authorization = authorization;
        this.sealer = sealer;
        this.book = book;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Generates a new set of recovery codes, replacing any earlier set (whose unused codes stop
     * working at once). Hashing them takes a moment (tens of milliseconds a code, by design).
     *
     * @param principal a principal with MFA
     * @return the codes, to show the principal once: nobody can show them again
     * @throws NullPointerException if {@code principal} is null
     * @throws ManagementAccessDeniedException without UPDATE on
     *     {@code mfa/principals/<principal path>/recovery-codes}; asked before anything is read
     * @throws InvalidInputException if the principal has no MFA assignment
     * @throws StoreException if a store fails
     */
    public RecoveryCodes generate(PrincipalId principal) {
        Objects.requireNonNull(principal, "principal");
        authorization.require(caller, ResourcePaths.recoveryCodes(principal), ManagementOperation.UPDATE);
        requireMfa(principal);
        Instant now = clock.instant();
        RecoveryCodeBook.NewSet set = book.generate(now);
        long revision = enrollments.find(principal, EnrollmentSlots.RECOVERY_CODES).map(StoredEnrollment::revision).orElse(0L);
        enrollments.put(sealer.seal(new StoredEnrollment(principal, EnrollmentSlots.RECOVERY_CODES, set.kept(), 0, now)), revision);
        publish(EnrollmentEvent.Action.RECOVERY_CODES_GENERATED, principal);
        return new RecoveryCodes(set.shown());
    }

    /**
     * @param principal the principal
     * @return how many unused codes it has, and when the set was generated
     * @throws NullPointerException if {@code principal} is null
     * @throws ManagementAccessDeniedException without READ on
     *     {@code mfa/principals/<principal path>/recovery-codes}; asked before anything is read
     * @throws StoreException if a store fails
     */
    public RecoveryCodeStatus status(PrincipalId principal) {
        Objects.requireNonNull(principal, "principal");
        authorization.require(caller, ResourcePaths.recoveryCodes(principal), ManagementOperation.READ);
        return enrollments.find(principal, EnrollmentSlots.RECOVERY_CODES)
                .map(set -> new RecoveryCodeStatus(principal, RecoveryCodeBook.remaining(set.data()), RecoveryCodeBook.generated(set.data())))
                .orElse(new RecoveryCodeStatus(principal, 0, Optional.empty()));
    }

    /**
     * Removes the principal's recovery codes: none of them works any more.
     *
     * @param principal the principal
     * @return whether it had any
     * @throws NullPointerException if {@code principal} is null
     * @throws ManagementAccessDeniedException without DELETE on
     *     {@code mfa/principals/<principal path>/recovery-codes}; asked before anything is read
     * @throws StoreException if a store fails
     */
    public boolean remove(PrincipalId principal) {
        Objects.requireNonNull(principal, "principal");
        authorization.require(caller, ResourcePaths.recoveryCodes(principal), ManagementOperation.DELETE);
        Optional<StoredEnrollment> stored = enrollments.find(principal, EnrollmentSlots.RECOVERY_CODES);
        boolean removed = stored.isPresent() && enrollments.remove(principal, EnrollmentSlots.RECOVERY_CODES, stored.get().revision());
        if (removed) {
            publish(EnrollmentEvent.Action.RECOVERY_CODES_REMOVED, principal);
        }
        return removed;
    }

    private void requireMfa(PrincipalId principal) {
        if (store.findAssignment(principal).isEmpty()) {
            throw new InvalidInputException("principal", principal + " has no MFA assignment; recovery codes are for principals with MFA");
        }
    }

    private void publish(EnrollmentEvent.Action action, PrincipalId principal) {
        events.publish(new EnrollmentEvent(clock.instant(), caller, action, principal, Optional.empty()));
    }
}
