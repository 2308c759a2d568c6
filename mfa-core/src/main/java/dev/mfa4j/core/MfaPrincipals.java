package dev.mfa4j.core;

import dev.mfa4j.api.Caller;
import dev.mfa4j.api.ConfigurationNotFoundException;
import dev.mfa4j.api.ManagementAccessDeniedException;
import dev.mfa4j.api.ManagementOperation;
import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.StoreException;
import dev.mfa4j.api.event.AssignmentEvent;
import dev.mfa4j.core.internal.Authorization;
import dev.mfa4j.core.internal.EventDispatcher;
import dev.mfa4j.core.internal.GuardedEnrollmentStore;
import dev.mfa4j.core.internal.GuardedStore;
import dev.mfa4j.core.internal.ResourcePaths;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Assigns principals to MFA configurations, on behalf of one caller. A principal has one
 * configuration or none; only user and application principals support MFA. Every method first
 * asks the host's authorizer, on {@code mfa/principals/<principal path>}.
 *
 * <p>Thread safe. Obtained from {@link MfaService#principals(Caller)}.
 *
 * @since 0.1.0
 */
public final class MfaPrincipals {

    private final Caller caller;
    private final GuardedStore store;
    private final GuardedEnrollmentStore enrollments;
    private final Authorization authorization;
    private final EventDispatcher events;
    private final Clock clock;

    MfaPrincipals(Caller caller, GuardedStore store, GuardedEnrollmentStore enrollments, Authorization authorization, EventDispatcher events,
            Clock clock) {
        this.caller = caller;
        this.store = store;
        this.enrollments = enrollments;
        this.authorization = authorization;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Assigns a principal to a configuration, replacing its previous assignment if any (the
     * {@code mfa assign-principal -p principal -m providerUserId -c configuration} command).
     *
     * <pre>{@code
     * mfa.principals(caller).assign(MfaAssignment.of(bob).configuration("MyDuoConfig").providerUserId("DUYHV6TJBC3O4RITS1WC"));
     * }</pre>
     *
     * @param assignment the principal, the configuration it will use, and its identity at the
     *     provider
     * @return the stored assignment
     * @throws NullPointerException if {@code assignment} is null
     * @throws ConfigurationNotFoundException if no configuration has that name
     * @throws ManagementAccessDeniedException without UPDATE on
     *     {@code mfa/principals/<principal path>}, whether or not the principal had an assignment;
     *     asked before anything is read
     * @throws StoreException if the store fails
     */
    public MfaAssignment assign(MfaAssignment assignment) {
        Objects.requireNonNull(assignment, "assignment");
        PrincipalId principal = assignment.principal();
        // One operation whatever is stored: asking CREATE or UPDATE by what the store holds would
        // tell a denied caller whether the principal has MFA.
        authorization.require(caller, ResourcePaths.principal(principal), ManagementOperation.UPDATE);
        Optional<MfaAssignment> previous = store.putAssignment(assignment);
        events.publish(new AssignmentEvent(clock.instant(), caller, AssignmentEvent.Action.ASSIGNED, principal,
                Optional.of(assignment.configurationName()), previous.map(MfaAssignment::configurationName)));
        return assignment;
    }

    /**
     * Removes a principal's MFA assignment, its enrollments and its recovery codes, so it no longer
     * has MFA (the
     * {@code mfa remove-principal -p principal} command).
     *
     * @param principal the principal
     * @return whether it had an assignment
     * @throws ManagementAccessDeniedException without DELETE on {@code mfa/principals/<principal path>}
     * @throws StoreException if the store fails
     */
    public boolean remove(PrincipalId principal) {
        Objects.requireNonNull(principal, "principal");
        authorization.require(caller, ResourcePaths.principal(principal), ManagementOperation.DELETE);
        // Its enrollments (TOTP secrets) and recovery codes go first: MFA removed leaves none behind.
        enrollments.removeAll(principal);
        Optional<MfaAssignment> removed = store.removeAssignment(principal);
        removed.ifPresent(r -> events.publish(new AssignmentEvent(clock.instant(), caller, AssignmentEvent.Action.REMOVED, principal,
                Optional.of(r.configurationName()), Optional.empty())));
        return removed.isPresent();
    }

    /**
     * @param principal the principal
     * @return its assignment, or empty
     * @throws ManagementAccessDeniedException without READ on {@code mfa/principals/<principal path>}
     * @throws StoreException if the store fails
     */
    public Optional<MfaAssignment> get(PrincipalId principal) {
        Objects.requireNonNull(principal, "principal");
        authorization.require(caller, ResourcePaths.principal(principal), ManagementOperation.READ);
        return store.findAssignment(principal);
    }

    /**
     * @return every assignment, sorted by principal path
     * @throws ManagementAccessDeniedException without READ on {@code mfa/principals}
     * @throws StoreException if the store fails
     */
    public List<MfaAssignment> list() {
        authorization.require(caller, ResourcePaths.PRINCIPALS, ManagementOperation.READ);
        return store.listAssignments();
    }
}
