package dev.mfa4j.core;

import dev.mfa4j.api.Caller;
import dev.mfa4j.api.EnrollmentPrompt;
import dev.mfa4j.api.EnrollmentStatus;
import dev.mfa4j.api.InvalidCredentialException;
import dev.mfa4j.api.InvalidInputException;
import dev.mfa4j.api.ManagementAccessDeniedException;
import dev.mfa4j.api.ManagementOperation;
import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.RevisionConflictException;
import dev.mfa4j.api.StoreException;
import dev.mfa4j.api.event.EnrollmentEvent;
import dev.mfa4j.api.spi.EnrollmentData;
import dev.mfa4j.api.spi.EnrollmentFlow;
import dev.mfa4j.api.spi.EnrollmentOutcome;
import dev.mfa4j.api.spi.EnrollmentRequest;
import dev.mfa4j.api.spi.EnrollmentStart;
import dev.mfa4j.api.spi.MfaProvider;
import dev.mfa4j.api.spi.StoredEnrollment;
import dev.mfa4j.core.internal.Authorization;
import dev.mfa4j.core.internal.CommonOptions;
import dev.mfa4j.core.internal.EnrollmentSlots;
import dev.mfa4j.core.internal.EventDispatcher;
import dev.mfa4j.core.internal.GuardedEnrollmentStore;
import dev.mfa4j.core.internal.GuardedStore;
import dev.mfa4j.core.internal.ProviderRegistry;
import dev.mfa4j.core.internal.ResourcePaths;
import dev.mfa4j.core.internal.SecretSealer;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Enrolls principals whose provider enrolls them itself (TOTP: a secret for an authenticator app),
 * on behalf of one caller, in two phases: {@link #begin} makes what the principal needs and returns
 * what to show it; the principal proves it worked, and {@link #confirm} makes the enrollment the
 * one verifications use. An enrollment already active keeps working until a new one is confirmed.
 * One begun and not confirmed within {@link #PENDING_LIFETIME} can no longer be: the secret it
 * showed may have been seen by others since, so the principal begins again.
 *
 * <p>Every method first asks the host's authorizer, on {@code mfa/principals/<principal path>/enrollment}:
 * UPDATE to begin and confirm (a host that lets users enroll themselves permits that when the
 * caller is the principal), READ for the status, DELETE to remove. Each change emits an
 * {@link EnrollmentEvent}.
 *
 * <p>Thread safe. Obtained from {@link MfaService#enrollments(Caller)}.
 *
 * @since 0.1.0
 */
public final class MfaEnrollments {

    /** How long a begun enrollment can be confirmed: one hour. */
    public static final Duration PENDING_LIFETIME = Duration.ofHours(1);

    private final Caller caller;
    private final GuardedStore store;
    private final GuardedEnrollmentStore enrollments;
    private final ProviderRegistry providers;
    private final Authorization authorization;
    private final SecretSealer sealer;
    private final EventDispatcher events;
    private final Clock clock;

    MfaEnrollments(Caller caller, GuardedStore store, GuardedEnrollmentStore enrollments, ProviderRegistry providers,
            Authorization authorization, SecretSealer sealer, EventDispatcher events, Clock clock) {
        this.caller = caller;
        this.store = store;
        this.enrollments = enrollments;
        this.providers = providers;
        this.authorization = authorization;
        this.sealer = sealer;
        this.events = events;
        this.clock = clock;
    }

    /** What an enrollment is for: the principal's assignment, configuration and provider flow. */
    private record Subject(MfaAssignment assignment, MfaConfiguration configuration, EnrollmentFlow flow) {
        EnrollmentRequest request(SecretSealer sealer) {
            return new EnrollmentRequest(assignment.principal(), assignment.providerUserId(),
                    CommonOptions.forProvider(sealer.open(configuration)));
        }
    }

    /**
     * Begins an enrollment: the provider makes what the principal needs (for TOTP a new secret),
     * which is kept, pending, until {@link #confirm}. Begun again, it replaces the pending one.
     *
     * @param principal the principal to enroll
     * @return what to show the principal, once (it carries the secret)
     * @throws NullPointerException if {@code principal} is null
     * @throws ManagementAccessDeniedException without UPDATE on
     *     {@code mfa/principals/<principal path>/enrollment}; asked before anything is read
     * @throws InvalidInputException if the principal has no MFA assignment, or its provider does
     *     not enroll principals itself (Duo enrolls its users at Duo)
     * @throws StoreException if a store fails
     */
    public EnrollmentPrompt begin(PrincipalId principal) {
        Objects.requireNonNull(principal, "principal");
        authorization.require(caller, ResourcePaths.enrollment(principal), ManagementOperation.UPDATE);
        Subject subject = subject(principal);
        EnrollmentStart start = subject.flow().begin(subject.request(sealer));
        String slot = EnrollmentSlots.pending(subject.configuration().name());
        long pendingRevision = enrollments.find(principal, slot).map(StoredEnrollment::revision).orElse(0L);
        enrollments.put(sealer.seal(new StoredEnrollment(principal, slot, start.pending(), 0, clock.instant())), pendingRevision);
        publish(EnrollmentEvent.Action.STARTED, principal, subject.configuration().name());
        return start.prompt();
    }

    /**
     * Confirms the pending enrollment with what the principal sent back (for TOTP, the code its app
     * shows): from now on verifications use it.
     *
     * @param principal the principal
     * @param proof what the principal sent back
     * @return the principal's status: {@code ACTIVE}
     * @throws NullPointerException if an argument is null
     * @throws ManagementAccessDeniedException without UPDATE on
     *     {@code mfa/principals/<principal path>/enrollment}; asked before anything is read
     * @throws InvalidInputException if nothing was begun, or it was begun more than
     *     {@link #PENDING_LIFETIME} ago (it is removed then; begin again), or the provider no
     *     longer enrolls
     * @throws InvalidCredentialException if the provider refused the proof; the pending enrollment
     *     stays, so the principal may try again. The message never repeats the proof
     * @throws RevisionConflictException if another confirmation of the same enrollment won
     * @throws StoreException if a store fails
     */
    public EnrollmentStatus confirm(PrincipalId principal, String proof) {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(proof, "proof");
        authorization.require(caller, ResourcePaths.enrollment(principal), ManagementOperation.UPDATE);
        Subject subject = subject(principal);
        String configuration = subject.configuration().name();
        StoredEnrollment pending = enrollments.find(principal, EnrollmentSlots.pending(configuration))
                .orElseThrow(() -> new InvalidInputException("enrollment", "no enrollment was begun for " + principal
                        + " with MFA configuration '" + configuration + "'; begin one first"));
        if (expired(pending)) {
            enrollments.remove(principal, pending.slot(), pending.revision());
            publish(EnrollmentEvent.Action.REMOVED, principal, configuration);
            throw new InvalidInputException("enrollment", "the enrollment of " + principal + " begun at " + pending.updated()
                    + " was not confirmed within " + PENDING_LIFETIME.toMinutes() + " minutes; begin again");
        }
        EnrollmentOutcome outcome = subject.flow().confirm(subject.request(sealer), sealer.open(pending), proof);
        if (outcome instanceof EnrollmentOutcome.Refused refused) {
            throw new InvalidCredentialException(refused.message());
        }
        EnrollmentData active = ((EnrollmentOutcome.Confirmed) outcome).active();
        String slot = EnrollmentSlots.active(configuration);
        long activeRevision = enrollments.find(principal, slot).map(StoredEnrollment::revision).orElse(0L);
        // The pending record goes first: of two confirmations racing, the loser changes nothing.
        if (!enrollments.remove(principal, pending.slot(), pending.revision())) {
            throw new RevisionConflictException("MFA enrollment of " + principal + " in slot", pending.slot(), pending.revision(), -1);
        }
        StoredEnrollment stored = enrollments.put(sealer.seal(new StoredEnrollment(principal, slot, active, 0, clock.instant())),
                activeRevision);
        publish(EnrollmentEvent.Action.CONFIRMED, principal, configuration);
        return new EnrollmentStatus(principal, configuration, EnrollmentStatus.State.ACTIVE, Optional.of(stored.updated()));
    }

    /**
     * @param principal the principal
     * @return where it stands with its configuration's enrollment: active wins over pending; a pending one
     *     begun more than {@link #PENDING_LIFETIME} ago counts as none
     * @throws NullPointerException if {@code principal} is null
     * @throws ManagementAccessDeniedException without READ on
     *     {@code mfa/principals/<principal path>/enrollment}; asked before anything is read
     * @throws InvalidInputException if the principal has no MFA assignment, or its provider does
     *     not enroll principals itself
     * @throws StoreException if a store fails
     */
    public EnrollmentStatus status(PrincipalId principal) {
        Objects.requireNonNull(principal, "principal");
        authorization.require(caller, ResourcePaths.enrollment(principal), ManagementOperation.READ);
        String configuration = subject(principal).configuration().name();
        Optional<StoredEnrollment> active = enrollments.find(principal, EnrollmentSlots.active(configuration));
        if (active.isPresent()) {
            return new EnrollmentStatus(principal, configuration, EnrollmentStatus.State.ACTIVE, Optional.of(active.get().updated()));
        }
        return enrollments.find(principal, EnrollmentSlots.pending(configuration)).filter(p -> !expired(p))
                .map(p -> new EnrollmentStatus(principal, configuration, EnrollmentStatus.State.PENDING, Optional.of(p.updated())))
                .orElse(new EnrollmentStatus(principal, configuration, EnrollmentStatus.State.NONE, Optional.empty()));
    }

    /**
     * Removes the principal's enrollment with its configuration, active and pending: verifications
     * answer {@code ENROLLMENT_REQUIRED} until it enrolls again. Recovery codes stay.
     *
     * @param principal the principal
     * @return whether there was anything to remove
     * @throws NullPointerException if {@code principal} is null
     * @throws ManagementAccessDeniedException without DELETE on
     *     {@code mfa/principals/<principal path>/enrollment}; asked before anything is read
     * @throws InvalidInputException if the principal has no MFA assignment
     * @throws StoreException if a store fails
     */
    public boolean remove(PrincipalId principal) {
        Objects.requireNonNull(principal, "principal");
        authorization.require(caller, ResourcePaths.enrollment(principal), ManagementOperation.DELETE);
        String configuration = assignment(principal).configurationName();
        boolean removed = false;
        for (String slot : new String[] {EnrollmentSlots.active(configuration), EnrollmentSlots.pending(configuration)}) {
            Optional<StoredEnrollment> stored = enrollments.find(principal, slot);
            if (stored.isPresent() && enrollments.remove(principal, slot, stored.get().revision())) {
                removed = true;
            }
        }
        if (removed) {
            publish(EnrollmentEvent.Action.REMOVED, principal, configuration);
        }
        return removed;
    }

    private boolean expired(StoredEnrollment pending) {
        return !pending.updated().plus(PENDING_LIFETIME).isAfter(clock.instant());
    }

    private MfaAssignment assignment(PrincipalId principal) {
        return store.findAssignment(principal).orElseThrow(() -> new InvalidInputException("principal",
                principal + " has no MFA assignment; assign it to a configuration first"));
    }

    private Subject subject(PrincipalId principal) {
        MfaAssignment assignment = assignment(principal);
        MfaConfiguration configuration = store.findConfiguration(assignment.configurationName())
                .orElseThrow(() -> new InvalidInputException("configuration", "the assigned MFA configuration '"
                        + assignment.configurationName() + "' does not exist"));
        MfaProvider provider = providers.require(configuration.type());
        EnrollmentFlow flow = provider.enrollment().orElseThrow(() -> new InvalidInputException("principal", "the provider of "
                + principal + " (type " + configuration.type() + ") does not enroll principals through mfa4j; they enroll with the "
                + "provider itself"));
        return new Subject(assignment, configuration, flow);
    }

    private void publish(EnrollmentEvent.Action action, PrincipalId principal, String configuration) {
        events.publish(new EnrollmentEvent(clock.instant(), caller, action, principal, Optional.ofNullable(configuration)));
    }
}
