package dev.mfa4j.api.event;

import dev.mfa4j.api.Caller;
import dev.mfa4j.api.PrincipalId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A principal's enrollment or recovery codes changed. Carries no secret and no code.
 *
 * @param time when (UTC)
 * @param caller who did it
 * @param action what was done
 * @param principal whose
 * @param configurationName the configuration enrolled with; empty for recovery codes
 * @since 0.1.0
 */
public record EnrollmentEvent(Instant time, Caller caller, Action action, PrincipalId principal, Optional<String> configurationName)
        implements MfaEvent {

    /** What was done. */
    public enum Action {
        /** An enrollment was begun: the principal was shown what to enroll. */
        STARTED,
        /** The principal proved the enrollment works; it is now used. */
        CONFIRMED,
        /** The enrollment was removed. */
        REMOVED,
        /** A new set of recovery codes replaced any earlier one. */
        RECOVERY_CODES_GENERATED,
        /** The recovery codes were removed. */
        RECOVERY_CODES_REMOVED
    }

    /**
     * @param time when (UTC)
     * @param caller who did it
     * @param action what was done
     * @param principal whose
     * @param configurationName the configuration enrolled with; empty for recovery codes
     * @throws NullPointerException if a component is null
     */
    public EnrollmentEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(configurationName, "configurationName");
    }
}
