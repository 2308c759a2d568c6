package dev.mfa4j.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How many of a principal's recovery codes are left.
 *
 * @param principal the principal
 * @param remaining how many unused codes are left; 0 if none were ever generated
 * @param generated when the current set was generated; empty if none was
 * @since 0.1.0
 */
public record RecoveryCodeStatus(PrincipalId principal, int remaining, Optional<Instant> generated) {

    /**
     * @param principal the principal
     * @param remaining how many unused codes are left; 0 if none were ever generated
     * @param generated when the current set was generated; empty if none was
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if {@code remaining} is negative
     */
    public RecoveryCodeStatus {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(generated, "generated");
        if (remaining < 0) {
            throw new IllegalArgumentException("remaining must not be negative");
        }
    }
}
