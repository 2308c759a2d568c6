package dev.mfa4j.core;

import dev.mfa4j.api.Caller;
import dev.mfa4j.api.ConfigurationInUseException;
import dev.mfa4j.api.ConfigurationNotFoundException;
import dev.mfa4j.api.DuplicateConfigurationException;
import dev.mfa4j.api.InvalidConfigurationException;
import dev.mfa4j.api.InvalidConfigurationException.Violation;
import dev.mfa4j.api.ManagementAccessDeniedException;
import dev.mfa4j.api.ManagementOperation;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.RevisionConflictException;
import dev.mfa4j.api.SealedSecretException;
import dev.mfa4j.api.StoreException;
import dev.mfa4j.api.UnknownProviderTypeException;
import dev.mfa4j.api.event.ConfigurationEvent;
import dev.mfa4j.api.spi.HealthStatus;
import dev.mfa4j.api.spi.MfaProvider;
import dev.mfa4j.core.internal.Authorization;
import dev.mfa4j.core.internal.CommonOptions;
import dev.mfa4j.core.internal.ConfigurationRules;
import dev.mfa4j.core.internal.EventDispatcher;
import dev.mfa4j.core.internal.GuardedStore;
import dev.mfa4j.core.internal.ProviderRegistry;
import dev.mfa4j.core.internal.ResourcePaths;
import dev.mfa4j.core.internal.SecretSealer;
import dev.mfa4j.core.internal.VerifierCache;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * Creates, reads, updates and deletes MFA configurations, on behalf of one caller. Every method
 * first asks the host's authorizer (see {@link dev.mfa4j.api.spi.ManagementAuthorizer} for the
 * resource paths), and refuses with {@link ManagementAccessDeniedException} if it says no.
 *
 * <p>Configurations are written in this JSON document format (see {@link MfaConfigurationsJson}):
 * <pre>{@code
 * {"Type": "duo", "Name": "MyDuoConfig",
 *  "Options": {"Host": "api-3945ef22.duosecurity.com", "IntegrationKey": "DI...", "SecretKey": "..."}}
 * }</pre>
 * Keys are matched without regard to case ({@code Type} or {@code type}). Options are checked
 * against the provider's specs when written: unknown options are refused, and every problem is
 * reported at once in an {@link InvalidConfigurationException}. Nothing is stored when an
 * operation is refused.
 *
 * <p>Secret options (such as Duo's {@code SecretKey}) are replaced by {@value #REDACTED} in
 * everything read back, unless asked for with {@link SecretVisibility#REVEALED} and permitted. An
 * update that omits a secret, or sends {@value #REDACTED}, keeps the stored secret.
 *
 * <p>Thread safe. Obtained from {@link MfaService#configurations(Caller)}.
 *
 * @since 0.1.0
 */
public final class MfaConfigurations {

    /** What secret option values are replaced with when read. */
    public static final String REDACTED = ConfigurationRules.REDACTED;

    /** How many times an update without an explicit revision is retried when another update slips in between. */
    private static final int UPDATE_ATTEMPTS = 3;

    private final Caller caller;
    private final GuardedStore store;
    private final ProviderRegistry providers;
    private final Authorization authorization;
    private final VerifierCache verifiers;
    private final SecretSealer sealer;
    private final EventDispatcher events;
    private final Clock clock;

    MfaConfigurations(Caller caller, GuardedStore store, ProviderRegistry providers, Authorization authorization, VerifierCache verifiers,
            SecretSealer sealer, EventDispatcher events, Clock clock) {
        this.caller = caller;
        this.store = store;
        this.providers = providers;
        this.authorization = authorization;
        this.verifiers = verifiers;
        this.sealer = sealer;
        this.events = events;
        this.clock = clock;
    }

    private void publish(ConfigurationEvent.Action action, MfaConfiguration configuration, long removedAssignments) {
        events.publish(new ConfigurationEvent(clock.instant(), caller, action, configuration.name(), configuration.type(),
                configuration.revision(), removedAssignments));
    }

    /**
     * Lists every configuration, secrets redacted (the {@code mfa get} command).
     *
     * @return the configurations, sorted by name
     * @throws ManagementAccessDeniedException without READ on {@code mfa/configurations}
     * @throws StoreException if the store fails
     */
    public List<MfaConfiguration> list() {
        return list(SecretVisibility.REDACTED);
    }

    /**
     * @param visibility whether to show secret values
     * @return the configurations, sorted by name
     * @throws ManagementAccessDeniedException without READ on {@code mfa/configurations}, or, to
     *     reveal secrets, on {@code mfa/configurations/<name>/secrets} of any of them
     * @throws StoreException if the store fails
     */
    public List<MfaConfiguration> list(SecretVisibility visibility) {
        Objects.requireNonNull(visibility, "visibility");
        authorization.require(caller, ResourcePaths.CONFIGURATIONS, ManagementOperation.READ);
        List<MfaConfiguration> result = new ArrayList<>();
        for (MfaConfiguration configuration : store.listConfigurations()) {
            result.add(visible(configuration, visibility));
        }
        return List.copyOf(result);
    }

    /**
     * @param name a configuration name
     * @return the configuration, secrets redacted, or empty if none has that name
     * @throws ManagementAccessDeniedException without READ on {@code mfa/configurations/<name>}
     * @throws StoreException if the store fails
     */
    public Optional<MfaConfiguration> get(String name) {
        return get(name, SecretVisibility.REDACTED);
    }

    /**
     * @param name a configuration name
     * @param visibility whether to show secret values
     * @return the configuration, or empty if none has that name
     * @throws ManagementAccessDeniedException without READ on {@code mfa/configurations/<name>},
     *     or, to reveal secrets, on {@code mfa/configurations/<name>/secrets}
     * @throws StoreException if the store fails
     */
    public Optional<MfaConfiguration> get(String name, SecretVisibility visibility) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(visibility, "visibility");
        authorization.require(caller, ResourcePaths.configuration(name), ManagementOperation.READ);
        return store.findConfiguration(name).map(c -> visible(c, visibility));
    }

    /**
     * Creates a configuration.
     *
     * @param name the unique name
     * @param type the provider type, such as {@code duo}
     * @param options the provider's options; keys matched without regard to case
     * @return the stored configuration (revision 1), secrets redacted
     * @throws NullPointerException if an argument is null
     * @throws ManagementAccessDeniedException without CREATE on {@code mfa/configurations/<name>};
     *     asked before anything else but the name's form is checked, so a denied caller learns
     *     nothing about installed providers or stored configurations
     * @throws InvalidConfigurationException listing every problem
     * @throws UnknownProviderTypeException if no installed provider has the type
     * @throws DuplicateConfigurationException if the name is taken
     * @throws StoreException if the store fails
     */
    public MfaConfiguration create(String name, String type, Map<String, String> options) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(options, "options");
        requireCreate(name);
        return createAuthorized(name, type, options);
    }

    /** Asks for CREATE on the configuration, checking only the name's form first (its path depends on it). */
    void requireCreate(String name) {
        authorization.require(caller, ResourcePaths.configuration(name), ManagementOperation.CREATE);
    }

    /** Asks for UPDATE on the configuration, checking only the name's form first. */
    void requireUpdate(String name) {
        authorization.require(caller, ResourcePaths.configuration(name), ManagementOperation.UPDATE);
    }

    /** A create the authorizer has permitted. */
    MfaConfiguration createAuthorized(String name, String type, Map<String, String> options) {
        MfaProvider provider = providers.require(type);
        MfaConfiguration configuration = ConfigurationRules.apply(name, type, options, provider, Optional.empty());
        MfaConfiguration stored = store.createConfiguration(sealer.seal(configuration, CommonOptions.allSpecs(provider)));
        verifiers.invalidate(name);
        publish(ConfigurationEvent.Action.CREATED, stored, 0);
        return ConfigurationRules.redact(stored, Optional.of(provider));
    }

    /**
     * Updates a configuration. If {@code configuration.revision()} is above 0, the update applies
     * only if that is still the stored revision.
     *
     * @param configuration the new content, naming the configuration to update
     * @return the stored configuration, secrets redacted
     * @throws NullPointerException if {@code configuration} is null
     * @throws ManagementAccessDeniedException without UPDATE on {@code mfa/configurations/<name>};
     *     asked before anything is read
     * @throws InvalidConfigurationException listing every problem
     * @throws ConfigurationNotFoundException if no configuration has that name
     * @throws RevisionConflictException if the given revision is no longer current
     * @throws StoreException if the store fails
     */
    public MfaConfiguration update(MfaConfiguration configuration) {
        Objects.requireNonNull(configuration, "configuration");
        requireUpdate(configuration.name());
        return updateAuthorized(configuration.name(), Optional.of(configuration.type()), configuration.options(),
                configuration.revision() > 0 ? OptionalLong.of(configuration.revision()) : OptionalLong.empty());
    }

    /**
     * The JSON entry points: create and update from the JSON document format, and list as a JSON
     * array. Same caller, same authorizer.
     *
     * @return this view's JSON entry points
     */
    public MfaConfigurationsJson json() {
        return new MfaConfigurationsJson(this);
    }

    /** An update the authorizer has permitted: the one behind {@link #update(MfaConfiguration)} and the JSON update. */
    MfaConfiguration updateAuthorized(String name, Optional<String> type, Map<String, String> options, OptionalLong expectedRevision) {
        for (int attempt = 1; ; attempt++) {
            MfaConfiguration current = store.findConfiguration(name).orElseThrow(() -> new ConfigurationNotFoundException(name));
            String newType = type.orElse(current.type());
            MfaProvider provider = providers.require(newType);
            Optional<MfaConfiguration> keepable = keptSecretsOf(current);
            MfaConfiguration updated = ConfigurationRules.apply(name, newType, options, provider, keepable);
            requireSecretsGivenAgainIfRedirected(name, options, provider, keepable.get(), updated);
            long expected = expectedRevision.orElse(current.revision());
            try {
                MfaConfiguration stored = store.updateConfiguration(sealer.seal(updated, CommonOptions.allSpecs(provider)), expected);
                verifiers.invalidate(name);
                publish(ConfigurationEvent.Action.UPDATED, stored, 0);
                return ConfigurationRules.redact(stored, Optional.of(provider));
            } catch (RevisionConflictException e) {
                // Without an explicit revision the caller asked for "whatever is stored": merge again.
                if (expectedRevision.isPresent() || attempt >= UPDATE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /**
     * A caller who may update but not read a configuration's secrets must not point the stored
     * secrets somewhere else (another host, a proxy of theirs): such an update gives them again.
     */
    private void requireSecretsGivenAgainIfRedirected(String name, Map<String, String> options, MfaProvider provider,
            MfaConfiguration current, MfaConfiguration updated) {
        List<String> kept = ConfigurationRules.keptSecretsRedirected(options, provider, current, updated);
        if (kept.isEmpty() || authorization.permits(caller, ResourcePaths.secrets(name), ManagementOperation.READ)) {
            return;
        }
        List<Violation> violations = new ArrayList<>();
        for (String secret : kept) {
            violations.add(new Violation("Options." + secret, "is kept from the stored configuration, but this update changes where "
                    + "secrets are sent; give " + secret + " again (or update as a caller who may read " + ResourcePaths.secrets(name) + ")"));
        }
        throw new InvalidConfigurationException(violations);
    }

    /**
     * The stored configuration whose secrets an update may keep: opened, or, if a sealed secret
     * does not open, without its sealed values, so that the update must give them again.
     */
    private Optional<MfaConfiguration> keptSecretsOf(MfaConfiguration current) {
        try {
            return Optional.of(sealer.open(current));
        } catch (SealedSecretException e) {
            Map<String, String> plainOnly = new java.util.LinkedHashMap<>(current.options());
            plainOnly.values().removeIf(SecretSealer::isSealed);
            return Optional.of(current.withOptions(plainOnly));
        }
    }

    /**
     * Seals again every configuration whose secrets are plain or sealed under a previous key, so
     * that the previous key can be dropped. Each configuration is updated conditionally on its
     * revision, one at a time, while verifications go on; one changed concurrently is skipped and
     * can be resealed by calling this again.
     *
     * @return how many configurations were resealed
     * @throws IllegalStateException if this service has no sealing keys
     * @throws SealedSecretException if a configuration's secret cannot be opened with any key
     * @throws ManagementAccessDeniedException without UPDATE on a configuration that needs resealing
     * @throws StoreException if the store fails
     */
    public int reseal() {
        if (!sealer.enabled()) {
            throw new IllegalStateException("this MFA service has no sealing keys; give them with MfaService.builder().sealing(...)");
        }
        authorization.require(caller, ResourcePaths.CONFIGURATIONS, ManagementOperation.READ);
        int resealed = 0;
        for (MfaConfiguration stored : store.listConfigurations()) {
            Optional<MfaProvider> provider = providers.find(stored.type());
            if (provider.isEmpty() || !sealer.needsResealing(stored, CommonOptions.allSpecs(provider.get()))) {
                continue;
            }
            authorization.require(caller, ResourcePaths.configuration(stored.name()), ManagementOperation.UPDATE);
            MfaConfiguration sealed = sealer.seal(sealer.open(stored), CommonOptions.allSpecs(provider.get()));
            try {
                MfaConfiguration written = store.updateConfiguration(sealed, stored.revision());
                verifiers.invalidate(stored.name());
                publish(ConfigurationEvent.Action.RESEALED, written, 0);
                resealed++;
            } catch (RevisionConflictException e) {
                // Changed meanwhile, so written under the current key by that change.
            }
        }
        return resealed;
    }

    /**
     * Deletes a configuration that no principal is assigned to (the {@code mfa delete -n name} command).
     *
     * @param name the configuration to delete
     * @throws ConfigurationNotFoundException if no configuration has that name
     * @throws ConfigurationInUseException naming how many principals still use it
     * @throws ManagementAccessDeniedException without DELETE on {@code mfa/configurations/<name>}
     * @throws StoreException if the store fails
     */
    public void delete(String name) {
        delete(name, false);
    }

    /**
     * Deletes a configuration; with {@code force}, also removes the assignments to it, so those
     * principals no longer have MFA.
     *
     * @param name the configuration to delete
     * @param force whether to remove the assignments to it as well
     * @return how many assignments were removed
     * @throws ConfigurationNotFoundException if no configuration has that name
     * @throws ConfigurationInUseException if principals use it and {@code force} is false
     * @throws ManagementAccessDeniedException without DELETE on {@code mfa/configurations/<name>}
     * @throws StoreException if the store fails
     */
    public long delete(String name, boolean force) {
        Objects.requireNonNull(name, "name");
        authorization.require(caller, ResourcePaths.configuration(name), ManagementOperation.DELETE);
        Optional<MfaConfiguration> last = store.findConfiguration(name);
        long removed = store.deleteConfiguration(name, force);
        verifiers.invalidate(name);
        publish(ConfigurationEvent.Action.DELETED, last.orElse(MfaConfiguration.of(name, "unknown", Map.of())), removed);
        return removed;
    }

    /**
     * Checks that a configuration's provider is reachable and accepts its credentials.
     *
     * @param name the configuration to check
     * @return the status; completes on the provider's thread
     * @throws ConfigurationNotFoundException if no configuration has that name
     * @throws UnknownProviderTypeException if its type is not installed
     * @throws ManagementAccessDeniedException without READ on {@code mfa/configurations/<name>}
     * @throws StoreException if the store fails
     */
    public CompletableFuture<HealthStatus> health(String name) {
        Objects.requireNonNull(name, "name");
        authorization.require(caller, ResourcePaths.configuration(name), ManagementOperation.READ);
        MfaConfiguration configuration = store.findConfiguration(name).orElseThrow(() -> new ConfigurationNotFoundException(name));
        MfaProvider provider = providers.require(configuration.type());
        VerifierCache.Lease lease = verifiers.lease(configuration, provider);
        CompletableFuture<HealthStatus> status;
        try {
            status = lease.verifier().health();
        } catch (RuntimeException e) {
            status = CompletableFuture.failedFuture(e);
        }
        if (status == null) {
            status = CompletableFuture.failedFuture(new IllegalStateException("the verifier's health() returned null"));
        }
        return status.whenComplete((answer, failure) -> lease.close());
    }

    private MfaConfiguration visible(MfaConfiguration configuration, SecretVisibility visibility) {
        if (visibility == SecretVisibility.REVEALED) {
            authorization.require(caller, ResourcePaths.secrets(configuration.name()), ManagementOperation.READ);
            return sealer.open(configuration);
        }
        return ConfigurationRules.redact(configuration, providers.find(configuration.type()));
    }
}
