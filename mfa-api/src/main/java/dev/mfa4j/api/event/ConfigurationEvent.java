package dev.mfa4j.api.event;

import dev.mfa4j.api.Caller;
import java.time.Instant;
import java.util.Objects;

/**
 * A configuration was created, updated, deleted, or re-sealed under a new key.
 *
 * @param time when (UTC)
 * @param caller who did it
 * @param action what was done
 * @param configurationName which configuration
 * @param type its provider type
 * @param revision its revision after the change (for a delete: the last revision)
 * @param removedAssignments for a forced delete: how many assignments went with it; otherwise 0
 * @since 0.1.0
 */
public record ConfigurationEvent(Instant time, Caller caller, Action action, String configurationName, String type, long revision,
        long removedAssignments) implements MfaEvent {

    /** What was done. */
    public enum Action {
        /** Created. */
        CREATED,
        /** Updated. */
        UPDATED,
        /** Deleted. */
        DELETED,
        /** Its secrets were sealed again under the current sealing key. */
        RESEALED
    }

    /**
     * @param time when (UTC)
     * @param caller who did it
     * @param action what was done
     * @param configurationName which configuration
     * @param type its provider type
     * @param revision its revision after the change (for a delete: the last revision)
     * @param removedAssignments for a forced delete: how many assignments went with it; otherwise 0
     * @throws NullPointerException if a component is null
     */
    public ConfigurationEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(configurationName, "configurationName");
        Objects.requireNonNull(type, "type");
    }
}
