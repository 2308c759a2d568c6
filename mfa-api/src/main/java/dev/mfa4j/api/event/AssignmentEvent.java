package dev.mfa4j.api.event;

import dev.mfa4j.api.Caller;
import dev.mfa4j.api.PrincipalId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A principal was assigned to a configuration, or its assignment was removed.
 *
 * @param time when (UTC)
 * @param caller who did it
 * @param action what was done
 * @param principal whose assignment
 * @param configurationName the configuration assigned (for ASSIGNED) or the one removed (for
 *     REMOVED, if there was one)
 * @param previousConfigurationName for ASSIGNED: the configuration it replaced, if any
 * @since 0.1.0
 */
public record AssignmentEvent(Instant time, Caller caller, Action action, PrincipalId principal, Optional<String> configurationName,
        Optional<String> previousConfigurationName) implements MfaEvent {

    /** What was done. */
    public enum Action {
        /** Assigned, or re-assigned. */
        ASSIGNED,
        /** Removed. */
        REMOVED
    }

    /**
     * @param time when (UTC)
     * @param caller who did it
     * @param action what was done
     * @param principal whose assignment
     * @param configurationName the configuration assigned (for ASSIGNED) or the one removed (for
     *         REMOVED, if there was one)
     * @param previousConfigurationName for ASSIGNED: the configuration it replaced, if any
     * @throws NullPointerException if a component is null
     */
    public AssignmentEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(configurationName, "configurationName");
        Objects.requireNonNull(previousConfigurationName, "previousConfigurationName");
    }
}
