package dev.mfa4j.core;

import dev.mfa4j.api.ConfigurationInUseException;
import dev.mfa4j.api.ConfigurationNotFoundException;
import dev.mfa4j.api.DuplicateConfigurationException;
import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.RevisionConflictException;
import dev.mfa4j.api.spi.MfaConfigurationStore;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps configurations and assignments in memory: the default store, and a reference
 * implementation of {@link MfaConfigurationStore}. Everything is lost when the process ends.
 *
 * <p>Thread safe. Reads (the verification path) take no lock; writes are serialized, so the
 * checks that go with them (unique names, revisions, assignments to existing configurations) are
 * atomic.
 *
 * @since 0.1.0
 */
public final class InMemoryMfaConfigurationStore implements MfaConfigurationStore {

    private final ConcurrentHashMap<String, MfaConfiguration> configurations = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<PrincipalId, MfaAssignment> assignments = new ConcurrentHashMap<>();
    private final Object writeLock = new Object();

    /** Creates an empty store. */
    public InMemoryMfaConfigurationStore() {
    }

    @Override
    public Optional<MfaConfiguration> findConfiguration(String name) {
        return Optional.ofNullable(configurations.get(Objects.requireNonNull(name, "name")));
    }

    @Override
    public List<MfaConfiguration> listConfigurations() {
        return configurations.values().stream().sorted(Comparator.comparing(MfaConfiguration::name)).toList();
    }

    @Override
    public MfaConfiguration createConfiguration(MfaConfiguration configuration) {
        Objects.requireNonNull(configuration, "configuration");
        synchronized (writeLock) {
            if (configurations.containsKey(configuration.name())) {
                throw new DuplicateConfigurationException(configuration.name());
            }
            MfaConfiguration stored = configuration.withRevision(1);
            configurations.put(stored.name(), stored);
            return stored;
        }
    }

    @Override
    public MfaConfiguration updateConfiguration(MfaConfiguration configuration, long expectedRevision) {
        Objects.requireNonNull(configuration, "configuration");
        synchronized (writeLock) {
            MfaConfiguration current = configurations.get(configuration.name());
            if (current == null) {
                throw new ConfigurationNotFoundException(configuration.name());
            }
            if (current.revision() != expectedRevision) {
                throw new RevisionConflictException(configuration.name(), expectedRevision, current.revision());
            }
            MfaConfiguration stored = configuration.withRevision(expectedRevision + 1);
            configurations.put(stored.name(), stored);
            return stored;
        }
    }

    @Override
    public long deleteConfiguration(String name, boolean removeAssignments) {
        Objects.requireNonNull(name, "name");
        synchronized (writeLock) {
            if (!configurations.containsKey(name)) {
                throw new ConfigurationNotFoundException(name);
            }
            List<PrincipalId> assigned = assignments.values().stream()
                    .filter(a -> a.configurationName().equals(name))
                    .map(MfaAssignment::principal)
                    .toList();
            if (!assigned.isEmpty() && !removeAssignments) {
                throw new ConfigurationInUseException(name, assigned.size());
            }
            assigned.forEach(assignments::remove);
            configurations.remove(name);
            return assigned.size();
        }
    }

    @Override
    public Optional<MfaAssignment> findAssignment(PrincipalId principal) {
        return Optional.ofNullable(assignments.get(Objects.requireNonNull(principal, "principal")));
    }

    @Override
    public Optional<MfaAssignment> putAssignment(MfaAssignment assignment) {
        Objects.requireNonNull(assignment, "assignment");
        synchronized (writeLock) {
            if (!configurations.containsKey(assignment.configurationName())) {
                throw new ConfigurationNotFoundException(assignment.configurationName());
            }
            return Optional.ofNullable(assignments.put(assignment.principal(), assignment));
        }
    }

    @Override
    public Optional<MfaAssignment> removeAssignment(PrincipalId principal) {
        Objects.requireNonNull(principal, "principal");
        synchronized (writeLock) {
            return Optional.ofNullable(assignments.remove(principal));
        }
    }

    @Override
    public List<MfaAssignment> listAssignments() {
        return assignments.values().stream().sorted(Comparator.comparing(a -> a.principal().path())).toList();
    }

    @Override
    public long countAssignments(String configurationName) {
        Objects.requireNonNull(configurationName, "configurationName");
        return assignments.values().stream().filter(a -> a.configurationName().equals(configurationName)).count();
    }
}
