package dev.mfa4j.core.internal;

import dev.mfa4j.api.ConfigurationInUseException;
import dev.mfa4j.api.ConfigurationNotFoundException;
import dev.mfa4j.api.DuplicateConfigurationException;
import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.RevisionConflictException;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable snapshot of a store's content, with the store rules applied as pure functions:
 * each change returns a new snapshot, or throws and leaves nothing changed. The file store writes
 * the new snapshot to disk before it becomes current.
 *
 * @param configurations by name, sorted
 * @param assignments by principal
 */
public record StoreState(Map<String, MfaConfiguration> configurations, Map<PrincipalId, MfaAssignment> assignments) {

    /** An empty store. */
    public static final StoreState EMPTY = new StoreState(Map.of(), Map.of());

    /** A new snapshot, and what the change answers. */
    public record Change<T>(StoreState state, T answer) {
    }

    /**
     * @param configurations by name
     * @param assignments by principal
     */
    public StoreState {
        configurations = Collections.unmodifiableMap(new TreeMap<>(configurations));
        assignments = Collections.unmodifiableMap(new LinkedHashMap<>(assignments));
    }

    /** @return the configurations, sorted by name */
    public List<MfaConfiguration> configurationList() {
        return List.copyOf(configurations.values());
    }

    /** @return the assignments, sorted by principal path */
    public List<MfaAssignment> assignmentList() {
        return assignments.values().stream().sorted(Comparator.comparing(a -> a.principal().path())).toList();
    }

    /**
     * @param name a configuration name
     * @return how many principals are assigned to it
     */
    public long countAssignments(String name) {
        return assignments.values().stream().filter(a -> a.configurationName().equals(name)).count();
    }

    /**
     * @param configuration a new configuration
     * @return the snapshot with it at revision 1, and the stored configuration
     * @throws DuplicateConfigurationException if the name is taken
     */
    public Change<MfaConfiguration> create(MfaConfiguration configuration) {
        if (configurations.containsKey(configuration.name())) {
            throw new DuplicateConfigurationException(configuration.name());
        }
        return put(configuration.withRevision(1));
    }

    /**
     * @param configuration the new content
     * @param expectedRevision the revision the update is based on
     * @return the snapshot with it at the next revision, and the stored configuration
     * @throws ConfigurationNotFoundException if no configuration has that name
     * @throws RevisionConflictException if the stored revision differs
     */
    public Change<MfaConfiguration> update(MfaConfiguration configuration, long expectedRevision) {
        MfaConfiguration current = configurations.get(configuration.name());
        if (current == null) {
            throw new ConfigurationNotFoundException(configuration.name());
        }
        if (current.revision() != expectedRevision) {
            throw new RevisionConflictException(configuration.name(), expectedRevision, current.revision());
        }
        return put(configuration.withRevision(expectedRevision + 1));
    }

    private Change<MfaConfiguration> put(MfaConfiguration stored) {
        Map<String, MfaConfiguration> next = new TreeMap<>(configurations);
        next.put(stored.name(), stored);
        return new Change<>(new StoreState(next, assignments), stored);
    }

    /**
     * @param name the configuration to delete
     * @param removeAssignments whether to remove its assignments too
     * @return the snapshot without it, and how many assignments were removed
     * @throws ConfigurationNotFoundException if no configuration has that name
     * @throws ConfigurationInUseException if it has assignments and they may not be removed
     */
    public Change<Long> delete(String name, boolean removeAssignments) {
        if (!configurations.containsKey(name)) {
            throw new ConfigurationNotFoundException(name);
        }
        long count = countAssignments(name);
        if (count > 0 && !removeAssignments) {
            throw new ConfigurationInUseException(name, count);
        }
        Map<String, MfaConfiguration> nextConfigurations = new TreeMap<>(configurations);
        nextConfigurations.remove(name);
        Map<PrincipalId, MfaAssignment> nextAssignments = new LinkedHashMap<>(assignments);
        nextAssignments.values().removeIf(a -> a.configurationName().equals(name));
        return new Change<>(new StoreState(nextConfigurations, nextAssignments), count);
    }

    /**
     * @param assignment the assignment to store
     * @return the snapshot with it, and the assignment it replaced
     * @throws ConfigurationNotFoundException if its configuration does not exist
     */
    public Change<Optional<MfaAssignment>> putAssignment(MfaAssignment assignment) {
        if (!configurations.containsKey(assignment.configurationName())) {
            throw new ConfigurationNotFoundException(assignment.configurationName());
        }
        Map<PrincipalId, MfaAssignment> next = new LinkedHashMap<>(assignments);
        MfaAssignment previous = next.put(assignment.principal(), assignment);
        return new Change<>(new StoreState(configurations, next), Optional.ofNullable(previous));
    }

    /**
     * @param principal the principal whose assignment to remove
     * @return the snapshot without it, and the removed assignment
     */
    public Change<Optional<MfaAssignment>> removeAssignment(PrincipalId principal) {
        if (!assignments.containsKey(principal)) {
            return new Change<>(this, Optional.empty());
        }
        Map<PrincipalId, MfaAssignment> next = new LinkedHashMap<>(assignments);
        MfaAssignment removed = next.remove(principal);
        return new Change<>(new StoreState(configurations, next), Optional.of(removed));
    }
}
