package dev.mfa4j.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A named provider configuration: which provider {@code type} to use and its {@code options}
 * (for Duo: {@code Host}, {@code IntegrationKey}, {@code SecretKey}). Principals are assigned to
 * a configuration by its name.
 *
 * <p>This record checks form only (names, keys, sizes). Whether the options suit the provider is
 * checked by mfa-core against the provider's option specs when a configuration is written.
 *
 * <p>{@link #toString()} lists option keys but never option values, which may be secrets.
 *
 * @param name unique across all configurations; 1 to 128 printable ASCII characters, no
 *     {@code /}, no surrounding whitespace; never changes once created
 * @param type the provider type, such as {@code duo}: a lower-case letter, then up to 31
 *     lower-case letters, digits, {@code -} or {@code _}
 * @param options option values by key; keys are a letter then letters, digits or {@code _} (at
 *     most 64), values are non-null and at most {@value #MAX_OPTION_VALUE_LENGTH} characters. The
 *     map is copied, keeps its iteration order and cannot be modified.
 * @param revision 0 for a configuration not yet stored; the store numbers each stored version
 *     1, 2, 3... and refuses an update based on an old one
 * @since 0.1.0
 */
public record MfaConfiguration(String name, String type, Map<String, String> options, long revision) {

    /** The longest option value accepted, in characters. */
    public static final int MAX_OPTION_VALUE_LENGTH = 65_536;

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
    private static final Pattern OPTION_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    /**
     * @param name unique across all configurations; 1 to 128 printable ASCII characters, no
     *         {@code /}, no surrounding whitespace; never changes once created
     * @param type the provider type, such as {@code duo}: a lower-case letter, then up to 31
     *         lower-case letters, digits, {@code -} or {@code _}
     * @param options option values by key; keys are a letter then letters, digits or {@code _} (at
     *         most 64), values are non-null and at most {@value #MAX_OPTION_VALUE_LENGTH} characters. The
     *         map is copied, keeps its iteration order and cannot be modified.
     * @param revision 0 for a configuration not yet stored; the store numbers each stored version
     *         1, 2, 3... and refuses an update based on an old one
     * @throws NullPointerException if a component, an option key or an option value is null
     * @throws InvalidConfigurationException listing every field that breaks the rules above
     */
    public MfaConfiguration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(options, "options");
        List<InvalidConfigurationException.Violation> violations = new ArrayList<>();
        String nameProblem = ConfigurationNames.problem("Name", name);
        if (nameProblem != null) {
            violations.add(new InvalidConfigurationException.Violation("Name", nameProblem));
        }
        if (!TYPE.matcher(type).matches()) {
            violations.add(new InvalidConfigurationException.Violation("Type",
                    type.isBlank() ? "must not be blank" : "must be a provider type such as 'duo' (lower-case letters, digits, - or _)"));
        }
        Map<String, String> copy = new LinkedHashMap<>();
        options.forEach((key, value) -> {
            Objects.requireNonNull(key, "option key");
            Objects.requireNonNull(value, () -> "value of option " + key);
            if (!OPTION_KEY.matcher(key).matches()) {
                violations.add(new InvalidConfigurationException.Violation("Options",
                        "option keys are a letter followed by letters, digits or _ (at most 64); one key is not"));
            } else if (value.length() > MAX_OPTION_VALUE_LENGTH) {
                violations.add(new InvalidConfigurationException.Violation("Options." + key,
                        "is " + value.length() + " characters long; at most " + MAX_OPTION_VALUE_LENGTH + " are allowed"));
            }
            copy.put(key, value);
        });
        if (revision < 0) {
            violations.add(new InvalidConfigurationException.Violation("Revision", "must not be negative"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidConfigurationException(violations);
        }
        options = Collections.unmodifiableMap(copy);
    }

    /**
     * Checks a configuration name's form, as the constructor does: 1 to 128 printable ASCII
     * characters, no {@code /}, no surrounding whitespace. mfa-core checks a name given to a
     * management call with this before it builds the name's resource path.
     *
     * @param name a candidate name
     * @return the name
     * @throws NullPointerException if {@code name} is null
     * @throws InvalidConfigurationException naming the field {@code Name} if the form is wrong
     */
    public static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        String problem = ConfigurationNames.problem("Name", name);
        if (problem != null) {
            throw new InvalidConfigurationException("Name", problem);
        }
        return name;
    }

    /**
     * A configuration not yet stored (revision 0).
     *
     * @param name the configuration name
     * @param type the provider type
     * @param options the provider options
     * @return the configuration
     * @throws InvalidConfigurationException if a field breaks the rules
     */
    public static MfaConfiguration of(String name, String type, Map<String, String> options) {
        return new MfaConfiguration(name, type, options, 0);
    }

    /**
     * @param key an option key, matched exactly
     * @return the option's value, or empty if the option is not set
     */
    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key));
    }

    /**
     * @param newRevision the revision to carry
     * @return a copy of this configuration with another revision
     */
    public MfaConfiguration withRevision(long newRevision) {
        return new MfaConfiguration(name, type, options, newRevision);
    }

    /**
     * @param newOptions the options to carry
     * @return a copy of this configuration with other options
     */
    public MfaConfiguration withOptions(Map<String, String> newOptions) {
        return new MfaConfiguration(name, type, newOptions, revision);
    }

    /** @return name, type, option keys (never values) and revision */
    @Override
    public String toString() {
        return "MfaConfiguration[name=" + name + ", type=" + type + ", options=" + options.keySet() + ", revision=" + revision + "]";
    }
}
