package dev.mfa4j.core.internal;

import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.StoreException;
import dev.mfa4j.api.spi.MfaConfigurationStore;
import dev.mfa4j.api.spi.WithheldMessage;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The host's store, held to its contract: an unchecked exception of the store's own becomes a
 * {@link StoreException} (naming the operation and the exception's class, never its message, which
 * for a database could quote stored values; the cause keeps the stack frames, see
 * {@link WithheldMessage}), and a null answer is a failure rather than "absent".
 */
public final class GuardedStore implements MfaConfigurationStore {

    private final MfaConfigurationStore store;

    /** @param store the host's store */
    public GuardedStore(MfaConfigurationStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** @return the store this one guards */
    public MfaConfigurationStore unwrap() {
        return store;
    }

    private <T> T call(String operation, Supplier<T> call) {
        return StoreCalls.guarded("the MFA configuration store", store, operation, call);
    }

    @Override
    public Optional<MfaConfiguration> findConfiguration(String name) {
        return call("findConfiguration", () -> store.findConfiguration(name));
    }

    @Override
    public List<MfaConfiguration> listConfigurations() {
        return call("listConfigurations", store::listConfigurations);
    }

    @Override
    public MfaConfiguration createConfiguration(MfaConfiguration configuration) {
        return call("createConfiguration", () -> store.createConfiguration(configuration));
    }

    @Override
    public MfaConfiguration updateConfiguration(MfaConfiguration configuration, long expectedRevision) {
        return call("updateConfiguration", () -> store.updateConfiguration(configuration, expectedRevision));
    }

    @Override
    public long deleteConfiguration(String name, boolean removeAssignments) {
        return call("deleteConfiguration", () -> store.deleteConfiguration(name, removeAssignments));
    }

    @Override
    public Optional<MfaAssignment> findAssignment(PrincipalId principal) {
        return call("findAssignment", () -> store.findAssignment(principal));
    }

    @Override
    public Optional<MfaAssignment> putAssignment(MfaAssignment assignment) {
        return call("putAssignment", () -> store.putAssignment(assignment));
    }

    @Override
    public Optional<MfaAssignment> removeAssignment(PrincipalId principal) {
        return call("removeAssignment", () -> store.removeAssignment(principal));
    }

    @Override
    public List<MfaAssignment> listAssignments() {
        return call("listAssignments", store::listAssignments);
    }

    @Override
    public long countAssignments(String configurationName) {
        return call("countAssignments", () -> store.countAssignments(configurationName));
    }
}
