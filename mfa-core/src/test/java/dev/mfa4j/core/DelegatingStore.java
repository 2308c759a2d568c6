package dev.mfa4j.core;

import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.spi.MfaConfigurationStore;
import java.util.List;
import java.util.Optional;

/** A store that forwards to another, for tests that override one method to misbehave. */
class DelegatingStore implements MfaConfigurationStore {

    private final MfaConfigurationStore delegate;

    DelegatingStore(MfaConfigurationStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public Optional<MfaConfiguration> findConfiguration(String name) {
        return delegate.findConfiguration(name);
    }

    @Override
    public List<MfaConfiguration> listConfigurations() {
        return delegate.listConfigurations();
    }

    @Override
    public MfaConfiguration createConfiguration(MfaConfiguration configuration) {
        return delegate.createConfiguration(configuration);
    }

    @Override
    public MfaConfiguration updateConfiguration(MfaConfiguration configuration, long expectedRevision) {
        return delegate.updateConfiguration(configuration, expectedRevision);
    }

    @Override
    public long deleteConfiguration(String name, boolean removeAssignments) {
        return delegate.deleteConfiguration(name, removeAssignments);
    }

    @Override
    public Optional<MfaAssignment> findAssignment(PrincipalId principal) {
        return delegate.findAssignment(principal);
    }

    @Override
    public Optional<MfaAssignment> putAssignment(MfaAssignment assignment) {
        return delegate.putAssignment(assignment);
    }

    @Override
    public Optional<MfaAssignment> removeAssignment(PrincipalId principal) {
        return delegate.removeAssignment(principal);
    }

    @Override
    public List<MfaAssignment> listAssignments() {
        return delegate.listAssignments();
    }

    @Override
    public long countAssignments(String configurationName) {
        return delegate.countAssignments(configurationName);
    }
}
