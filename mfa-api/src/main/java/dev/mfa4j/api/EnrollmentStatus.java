package dev.mfa4j.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a principal stands with its provider's enrollment.
 *
 * @param principal the principal
 * @param configurationName its configuration
 * @param state none, pending (begun, not yet confirmed) or active
 * @param since when the current state began (for {@code NONE}: empty)
 * @since 0.1.0
 */
public record EnrollmentStatus(PrincipalId principal, String configurationName, State state, Optional<Instant> since) {

    /** Where the principal stands. */
    public enum State {
        /** Nothing enrolled: a verification answers {@link Reason#ENROLLMENT_REQUIRED}. */
        NONE,
        /** Begun and not confirmed; a verification answers {@link Reason#ENROLLMENT_REQUIRED} unless an earlier enrollment is active. */
        PENDING,
        /** Enrolled: verifications use it. */
        ACTIVE
    }

    /**
     * @param principal the principal
     * @param configurationName its configuration
     * @param state none, pending (begun, not yet confirmed) or active
     * @param since when the current state began (for {@code NONE}: empty)
     * @throws NullPointerException if a component is null
     */
    public EnrollmentStatus {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(configurationName, "configurationName");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
    }
}
