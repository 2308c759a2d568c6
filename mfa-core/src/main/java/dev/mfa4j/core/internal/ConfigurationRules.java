package dev.mfa4j.core.internal;

import dev.mfa4j.api.InvalidConfigurationException;
import dev.mfa4j.api.InvalidConfigurationException.Violation;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.spi.MfaProvider;
import dev.mfa4j.api.spi.OptionSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Applies a provider's option specs to a configuration being written: option names are matched
 * without regard to case and stored in the spec's spelling and order, unknown options are
 * refused, required ones must be there, every value passes its check, and secrets the update
 * leaves out (or sends as the redaction mask) keep their stored value. Every problem found is
 * reported in one exception.
 */
public final class ConfigurationRules {

    /** What secret option values are replaced with when a configuration is read without secrets. */
    public static final String REDACTED = "********";

    private ConfigurationRules() {
    }

    /**
     * @param name the configuration name
     * @param type the provider type (already known to be installed)
     * @param options the options as the user wrote them
     * @param provider the provider of that type
     * @param current the stored configuration an update replaces, or empty for a create
     * @return the configuration to store (revision 0)
     * @throws InvalidConfigurationException listing every problem
     */
    public static MfaConfiguration apply(String name, String type, Map<String, String> options, MfaProvider provider,
            Optional<MfaConfiguration> current) {
        List<Violation> violations = new ArrayList<>();
        try {
            MfaConfiguration.of(name, type, Map.of());
        } catch (InvalidConfigurationException e) {
            violations.addAll(e.violations());
        }

        List<OptionSpec> specs = CommonOptions.allSpecs(provider);
        Map<String, OptionSpec> specsByLowerName = new HashMap<>();
        specs.forEach(spec -> specsByLowerName.put(spec.name().toLowerCase(Locale.ROOT), spec));
        Map<String, String> given = new HashMap<>();
        options.forEach((key, value) -> {
            OptionSpec spec = specsByLowerName.get(key.toLowerCase(Locale.ROOT));
            if (spec == null) {
                violations.add(new Violation("Options." + ConfigurationJson.printable(key), "is not an option of type " + type
                        + "; its options are " + specs.stream().map(OptionSpec::name).collect(Collectors.joining(", "))));
            } else {
                given.put(spec.name(), value);
            }
        });

        // Secrets carry over only within one type: another provider's secret means something else.
        Optional<MfaConfiguration> sameType = current.filter(c -> c.type().equals(type));
        Map<String, String> result = new LinkedHashMap<>();
        for (OptionSpec spec : specs) {
            String field = "Options." + spec.name();
            String value = given.get(spec.name());
            if (spec.secret() && (value == null || value.equals(REDACTED)) && sameType.isPresent()) {
                Optional<String> stored = sameType.get().option(spec.name());
                if (stored.isPresent()) {
                    result.put(spec.name(), stored.get());
                    continue;
                }
            }
            if (value == null) {
                if (spec.required()) {
                    violations.add(new Violation(field, "is required" + (spec.description().isEmpty() ? "" : ": " + spec.description())));
                }
                continue;
            }
            if (spec.secret() && value.equals(REDACTED)) {
                violations.add(new Violation(field, "is the redaction mask " + REDACTED
                        + "; give the secret itself (the mask only keeps a stored secret on update)"));
                continue;
            }
            if (value.isBlank()) {
                violations.add(new Violation(field, spec.required() ? "must not be blank" : "must not be blank; leave it out to use the default"));
                continue;
            }
            Optional<String> problem;
            try {
                problem = spec.check().problem(value);
            } catch (RuntimeException e) {
                problem = Optional.of("could not be checked (" + e.getClass().getSimpleName() + ")");
            }
            if (problem.isPresent()) {
                violations.add(new Violation(field, problem.get()));
                continue;
            }
            result.put(spec.name(), value);
        }
        if (!violations.isEmpty()) {
            throw new InvalidConfigurationException(violations);
        }
        MfaConfiguration configuration = MfaConfiguration.of(name, type, result);
        List<Violation> crossField = provider.validate(CommonOptions.forProvider(configuration));
        if (!crossField.isEmpty()) {
            throw new InvalidConfigurationException(crossField);
        }
        return configuration;
    }

    /**
     * The secrets an update keeps from the stored configuration (left out, or sent as the mask)
     * while it changes an option that decides where secrets are sent
     * ({@link OptionSpec#secretsDestination()}), such as Duo's {@code Host}.
     *
     * @param given the options as the update wrote them
     * @param provider the provider of the updated configuration
     * @param current the stored configuration, secrets opened
     * @param updated the configuration {@link #apply} made for the update
     * @return the names of the kept secrets, in spec order; empty if no destination changed or no
     *     secret was kept
     */
    public static List<String> keptSecretsRedirected(Map<String, String> given, MfaProvider provider, MfaConfiguration current,
            MfaConfiguration updated) {
        if (!current.type().equals(updated.type())) {
            return List.of();   // secrets never carry over to another type
        }
        List<OptionSpec> specs = CommonOptions.allSpecs(provider);
        boolean redirected = specs.stream().anyMatch(spec -> spec.secretsDestination()
                && !current.option(spec.name()).equals(updated.option(spec.name())));
        if (!redirected) {
            return List.of();
        }
        Map<String, String> givenByLowerName = new HashMap<>();
        given.forEach((key, value) -> givenByLowerName.put(key.toLowerCase(Locale.ROOT), value));
        List<String> kept = new ArrayList<>();
        for (OptionSpec spec : specs) {
            String value = givenByLowerName.get(spec.name().toLowerCase(Locale.ROOT));
            if (spec.secret() && (value == null || value.equals(REDACTED)) && updated.option(spec.name()).isPresent()) {
                kept.add(spec.name());
            }
        }
        return kept;
    }

    /**
     * @param configuration a configuration
     * @param provider its provider, or empty if the type is not installed (then every value is
     *     redacted, since which ones are secret is unknown)
     * @return a copy with every secret option value replaced by {@link #REDACTED}
     */
    public static MfaConfiguration redact(MfaConfiguration configuration, Optional<MfaProvider> provider) {
        Map<String, Boolean> secret = new HashMap<>();
        provider.ifPresent(p -> CommonOptions.allSpecs(p).forEach(spec -> secret.put(spec.name(), spec.secret())));
        Map<String, String> redacted = new LinkedHashMap<>();
        configuration.options().forEach((key, value) -> redacted.put(key, secret.getOrDefault(key, Boolean.TRUE) ? REDACTED : value));
        return configuration.withOptions(redacted);
    }
}
