package dev.mfa4j.core;

import dev.mfa4j.api.Caller;
import dev.mfa4j.api.ConfigurationNotFoundException;
import dev.mfa4j.api.InvalidInputException;
import dev.mfa4j.api.InvalidPrincipalException;
import dev.mfa4j.api.ManagementAccessDeniedException;
import dev.mfa4j.api.ManagementOperation;
import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.StoreException;
import dev.mfa4j.api.event.AssignmentEvent;
import dev.mfa4j.core.internal.Authorization;
import dev.mfa4j.core.internal.EventDispatcher;
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
    private final Authorization authorization;
    private final EventDispatcher events;
    private final Clock clock;

    MfaPrincipals(Caller caller, GuardedStore store, Authorization authorization, EventDispatcher events, Clock clock) {
        this.caller = caller;
        this.store = store;
        this.authorization = authorization;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Assigns a principal to a configuration, replacing its previous assignment if any (the
     * seed's {@code mfa assign-principal -p principal -m providerUserId -c configuration}).
     *
     * @param principal the principal; a user or application
     * @param providerUserId the principal's identity at the provider, such as its Duo user id
     * @param configurationName the configuration to use
     * @return the stored assignment
     * @throws InvalidPrincipalException if the principal's kind does not support MFA
     * @throws InvalidInputException if the provider user id or configuration name is malformed
     * @throws ConfigurationNotFoundException if no configuration has that name
     * @throws ManagementAccessDeniedException without CREATE (or UPDATE, when re-assigning) on
     *     {@code mfa/principals/<principal path>}
     * @throws StoreException if the store fails
     */
    public MfaAssignment assign(PrincipalId principal, String providerUserId, String configurationName) {
        MfaAssignment assignment = new MfaAssignment(principal, configurationName, providerUserId);
        String path = ResourcePaths.principal(principal);
        boolean reassign = store.findAssignment(principal).isPresent();
        authorization.require(caller, path, reassign ? ManagementOperation.UPDATE : ManagementOperation.CREATE);
        Optional<MfaAssignment> previous = store.putAssignment(assignment);
        events.publish(new AssignmentEvent(clock.instant(), caller, AssignmentEvent.Action.ASSIGNED, principal,
                Optional.of(configurationName), previous.map(MfaAssignment::configurationName)));
        return assignment;
    }

    /**
     * Removes a principal's MFA assignment, so it no longer has MFA (the seed's
     * {@code mfa remove-principal -p principal}).
     *
     * @param principal the principal
     * @return whether it had an assignment
     * @throws ManagementAccessDeniedException without DELETE on {@code mfa/principals/<principal path>}
     * @throws StoreException if the store fails
     */
    public boolean remove(PrincipalId principal) {
        Objects.requireNonNull(principal, "principal");
        authorization.require(caller, ResourcePaths.principal(principal), ManagementOperation.DELETE);
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
