package dev.mfa4j.core;

import dev.mfa4j.api.ConfigurationNotFoundException;
import dev.mfa4j.api.DuplicateConfigurationException;
import dev.mfa4j.api.InvalidConfigurationException;
import dev.mfa4j.api.InvalidConfigurationException.Violation;
import dev.mfa4j.api.ManagementAccessDeniedException;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.RevisionConflictException;
import dev.mfa4j.api.StoreException;
import dev.mfa4j.api.UnknownProviderTypeException;
import dev.mfa4j.core.internal.ConfigurationDocument;
import dev.mfa4j.core.internal.ConfigurationJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Configurations as JSON documents, the format the {@code mfa} command line and its files use:
 *
 * <pre>{@code
 * {"Type": "duo", "Name": "MyDuoConfig",
 *  "Options": {"Host": "api-3945ef22.duosecurity.com", "IntegrationKey": "DI...", "SecretKey": "..."}}
 * }</pre>
 *
 * <p>Keys are matched without regard to case ({@code Type} or {@code type}); output uses
 * {@code Type}, {@code Name}, {@code Options} and {@code Revision}. A document is at most 64 KiB
 * and 8 levels deep, and no error message quotes it. Every call goes through the
 * {@link MfaConfigurations} view it came from: same caller, same authorizer, same rules.
 *
 * <p>Thread safe. Obtained from {@link MfaConfigurations#json()}.
 *
 * @since 0.1.0
 */
public final class MfaConfigurationsJson {

    private final MfaConfigurations configurations;

    MfaConfigurationsJson(MfaConfigurations configurations) {
        this.configurations = configurations;
    }

    /**
     * Creates a configuration from a JSON document (the {@code mfa create -f file} command).
     *
     * @param json an object with {@code Type}, {@code Name} and {@code Options}
     * @return the stored configuration (revision 1), secrets redacted
     * @throws NullPointerException if {@code json} is null
     * @throws ManagementAccessDeniedException without CREATE on {@code mfa/configurations/<name>};
     *     asked before anything else is checked, so a denied caller learns nothing
     * @throws InvalidConfigurationException listing every problem with the document
     * @throws UnknownProviderTypeException if no installed provider has the type
     * @throws DuplicateConfigurationException if the name is taken
     * @throws StoreException if the store fails
     */
    public MfaConfiguration create(String json) {
        ConfigurationDocument document = ConfigurationJson.read(Objects.requireNonNull(json, "json"));
        // The document's name is the resource; without one there is nothing to authorize yet.
        document.name().ifPresent(configurations::requireCreate);
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
        return configurations.createAuthorized(document.name().get(), document.type().get(), document.options().get());
    }

    /**
     * Updates a configuration from a JSON document (the {@code mfa update -f file -n name}
     * command). Every field but the name may change. {@code Type} may be left out to keep the
     * current type; {@code Name}, if given, must be {@code name}. If the document has a
     * {@code Revision}, the update applies only if that is still the stored revision; otherwise it
     * applies to whatever is stored. {@link MfaConfigurations#update(MfaConfiguration)} is the typed
     * alternative.
     *
     * @param name the configuration to update
     * @param json an object with {@code Options}, and optionally {@code Type}, {@code Name},
     *     {@code Revision}
     * @return the stored configuration, secrets redacted
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the arguments look swapped ({@code name} is a JSON
     *     object and {@code json} is not)
     * @throws ManagementAccessDeniedException without UPDATE on {@code mfa/configurations/<name>};
     *     asked before the document is read
     * @throws InvalidConfigurationException listing every problem, including a {@code Name} that
     *     differs from {@code name}
     * @throws ConfigurationNotFoundException if no configuration has that name
     * @throws RevisionConflictException if the document's revision is no longer current
     * @throws StoreException if the store fails
     */
    public MfaConfiguration update(String name, String json) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(json, "json");
        if (looksLikeJsonObject(name) && !looksLikeJsonObject(json)) {
            throw new IllegalArgumentException("update(name, json) was given a JSON object as the name: are the arguments swapped?");
        }
        configurations.requireUpdate(name);
        ConfigurationDocument document = ConfigurationJson.read(json);
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
        return configurations.updateAuthorized(name, document.type(), document.options().get(), document.revision());
    }

    /**
     * @return every configuration as a JSON array (the {@code mfa get} command), secrets redacted
     * @throws ManagementAccessDeniedException without READ on {@code mfa/configurations}
     * @throws StoreException if the store fails
     */
    public String list() {
        return list(SecretVisibility.REDACTED);
    }

    /**
     * @param visibility whether to show secret values
     * @return every configuration as a JSON array ({@code Type}, {@code Name}, {@code Options},
     *     {@code Revision})
     * @throws NullPointerException if {@code visibility} is null
     * @throws ManagementAccessDeniedException as for {@link MfaConfigurations#list(SecretVisibility)}
     * @throws StoreException if the store fails
     */
    public String list(SecretVisibility visibility) {
        return ConfigurationJson.writeArray(configurations.list(visibility));
    }

    /**
     * Writes one configuration as a JSON object. It writes what it is given: pass a configuration
     * as read from {@link MfaConfigurations}, whose secrets are redacted unless revealed.
     *
     * @param configuration a configuration
     * @return it as a JSON object
     * @throws NullPointerException if {@code configuration} is null
     */
    public static String toJson(MfaConfiguration configuration) {
        return ConfigurationJson.writeObject(Objects.requireNonNull(configuration, "configuration"));
    }

    private static boolean looksLikeJsonObject(String text) {
        return text.strip().startsWith("{");
    }
}
