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
import dev.mfa4j.api.StoreException;
import dev.mfa4j.api.UnknownProviderTypeException;
import dev.mfa4j.api.event.ConfigurationEvent;
import dev.mfa4j.api.spi.HealthStatus;
import dev.mfa4j.api.spi.MfaProvider;
import dev.mfa4j.core.internal.Authorization;
import dev.mfa4j.core.internal.ConfigurationDocument;
import dev.mfa4j.core.internal.ConfigurationJson;
import dev.mfa4j.core.internal.ConfigurationRules;
import dev.mfa4j.core.internal.EventDispatcher;
import dev.mfa4j.core.internal.GuardedStore;
import dev.mfa4j.core.internal.ProviderRegistry;
import dev.mfa4j.core.internal.CommonOptions;
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
 * <p>Configurations are written in the seed product's JSON format:
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
     * Lists every configuration, secrets redacted (the seed's {@code mfa get}).
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
     * @return every configuration as the seed's JSON array, secrets redacted
     * @throws ManagementAccessDeniedException without READ on {@code mfa/configurations}
     * @throws StoreException if the store fails
     */
    public String listJson() {
        return listJson(SecretVisibility.REDACTED);
    }

    /**
     * @param visibility whether to show secret values
     * @return every configuration as the seed's JSON array (Type, Name, Options, Revision)
     * @throws ManagementAccessDeniedException as for {@link #list(SecretVisibility)}
     * @throws StoreException if the store fails
     */
    public String listJson(SecretVisibility visibility) {
        return ConfigurationJson.writeArray(list(visibility));
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
     * @param configuration a configuration as read
     * @return it as the seed's JSON object
     */
    public static String toJson(MfaConfiguration configuration) {
        return ConfigurationJson.writeObject(Objects.requireNonNull(configuration, "configuration"));
    }

    /**
     * Creates a configuration from the seed's JSON (the seed's {@code mfa create -f file}).
     *
     * @param json an object with {@code Type}, {@code Name} and {@code Options}
     * @return the stored configuration (revision 1), secrets redacted
     * @throws InvalidConfigurationException listing every problem with the document
     * @throws UnknownProviderTypeException if no installed provider has the type
     * @throws DuplicateConfigurationException if the name is taken
     * @throws ManagementAccessDeniedException without CREATE on {@code mfa/configurations/<name>}
     * @throws StoreException if the store fails
     */
    public MfaConfiguration create(String json) {
        ConfigurationDocument document = ConfigurationJson.read(Objects.requireNonNull(json, "json"));
        List<Violation> missing = new ArrayList<>();
        if (document.name().isEmpty()) {
            missing.add(new Violation("Name", "is required"));
        }
        if (document.type().isEmpty()) {
            missing.add(new Violation("Type", "is required"));
        }
        if (document.options().isEmpty()) {
            missing.add(new Violation("Options", "is required (use {} if the provider takes no options)"));
        }
        if (document.revision().isPresent()) {
            missing.add(new Violation("Revision", "is set by the store; leave it out when creating"));
        }
        if (!missing.isEmpty()) {
            throw new InvalidConfigurationException(missing);
        }
        return create(document.name().get(), document.type().get(), document.options().get());
    }

    /**
     * Creates a configuration.
     *
     * @param name the unique name
     * @param type the provider type, such as {@code duo}
     * @param options the provider's options; keys matched without regard to case
     * @return the stored configuration (revision 1), secrets redacted
     * @throws InvalidConfigurationException listing every problem
     * @throws UnknownProviderTypeException if no installed provider has the type
     * @throws DuplicateConfigurationException if the name is taken
     * @throws ManagementAccessDeniedException without CREATE on {@code mfa/configurations/<name>}
     * @throws StoreException if the store fails
     */
    public MfaConfiguration create(String name, String type, Map<String, String> options) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(options, "options");
        MfaProvider provider = providers.require(type);
        MfaConfiguration configuration = ConfigurationRules.apply(name, type, options, provider, Optional.empty());
        authorization.require(caller, ResourcePaths.configuration(name), ManagementOperation.CREATE);
        MfaConfiguration stored = store.createConfiguration(sealer.seal(configuration, CommonOptions.allSpecs(provider)));
        verifiers.invalidate(name);
        publish(ConfigurationEvent.Action.CREATED, stored, 0);
        return ConfigurationRules.redact(stored, Optional.of(provider));
    }

    /**
     * Updates a configuration from the seed's JSON (the seed's {@code mfa update -f file -n name}).
     * Every field but the name may change. {@code Type} may be left out to keep the current type;
     * {@code Name}, if given, must be {@code name}. If the document has a {@code Revision}, the
     * update applies only if that is still the stored revision; otherwise it applies to whatever
     * is stored.
     *
     * @param name the configuration to update
     * @param json an object with {@code Options}, and optionally {@code Type}, {@code Name},
     *     {@code Revision}
     * @return the stored configuration, secrets redacted
     * @throws InvalidConfigurationException listing every problem, including a {@code Name} that
     *     differs from {@code name}
     * @throws ConfigurationNotFoundException if no configuration has that name
     * @throws RevisionConflictException if the document's revision is no longer current
     * @throws ManagementAccessDeniedException without UPDATE on {@code mfa/configurations/<name>}
     * @throws StoreException if the store fails
     */
    public MfaConfiguration update(String name, String json) {
        Objects.requireNonNull(name, "name");
        ConfigurationDocument document = ConfigurationJson.read(Objects.requireNonNull(json, "json"));
        List<Violation> problems = new ArrayList<>();
        if (document.name().isPresent() && !document.name().get().equals(name)) {
            problems.add(new Violation("Name", "is '" + document.name().get() + "' but the update is for '" + name
                    + "'; a configuration's name cannot change"));
        }
        if (document.options().isEmpty()) {
            problems.add(new Violation("Options", "is required"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return update(name, document.type(), document.options().get(), document.revision());
    }

    /**
     * Updates a configuration. If {@code configuration.revision()} is above 0, the update applies
     * only if that is still the stored revision.
     *
     * @param configuration the new content, naming the configuration to update
     * @return the stored configuration, secrets redacted
     * @throws InvalidConfigurationException listing every problem
     * @throws ConfigurationNotFoundException if no configuration has that name
     * @throws RevisionConflictException if the given revision is no longer current
     * @throws ManagementAccessDeniedException without UPDATE on {@code mfa/configurations/<name>}
     * @throws StoreException if the store fails
     */
    public MfaConfiguration update(MfaConfiguration configuration) {
        Objects.requireNonNull(configuration, "configuration");
        return update(configuration.name(), Optional.of(configuration.type()), configuration.options(),
                configuration.revision() > 0 ? OptionalLong.of(configuration.revision()) : OptionalLong.empty());
    }

    private MfaConfiguration update(String name, Optional<String> type, Map<String, String> options, OptionalLong expectedRevision) {
        authorization.require(caller, ResourcePaths.configuration(name), ManagementOperation.UPDATE);
        for (int attempt = 1; ; attempt++) {
            MfaConfiguration current = store.findConfiguration(name).orElseThrow(() -> new ConfigurationNotFoundException(name));
            String newType = type.orElse(current.type());
            MfaProvider provider = providers.require(newType);
            MfaConfiguration updated = ConfigurationRules.apply(name, newType, options, provider, keptSecretsOf(current));
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
     * Deletes a configuration that no principal is assigned to (the seed's {@code mfa delete -n name}).
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
        return verifiers.verifierFor(configuration, provider).health();
    }

    private MfaConfiguration visible(MfaConfiguration configuration, SecretVisibility visibility) {
        if (visibility == SecretVisibility.REVEALED) {
            authorization.require(caller, ResourcePaths.secrets(configuration.name()), ManagementOperation.READ);
            return sealer.open(configuration);
        }
        return ConfigurationRules.redact(configuration, providers.find(configuration.type()));
    }
}
