package dev.mfa4j.totp.internal;

import dev.mfa4j.api.InvalidConfigurationException;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.spi.OptionSpec;
import dev.mfa4j.totp.TotpOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code totp} configuration, read with its defaults.
 *
 * @param issuer what apps show beside the account ({@code Issuer})
 * @param parameters algorithm, digits and period for principals who enroll now
 * @param window how many steps either side of now are accepted ({@code Window})
 */
record TotpSettings(String issuer, TotpParameters parameters, int window) {

    /**
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if the window is out of range
     */
    TotpSettings {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(parameters, "parameters");
        if (window < 0 || window > TotpOptions.MAX_WINDOW) {
            throw new IllegalArgumentException("the window is 0 to " + TotpOptions.MAX_WINDOW + " steps");
        }
    }

    /**
     * Reads the settings, checking every option again: mfa-core checked them when the
     * configuration was written, but a host may call the SPI directly or edit its store by hand.
     *
     * @param configuration a {@code totp} configuration, option keys in the specs' spelling
     * @return the settings
     * @throws InvalidConfigurationException naming every option its check refuses
     */
    static TotpSettings from(MfaConfiguration configuration) {
        List<InvalidConfigurationException.Violation> violations = new ArrayList<>();
        for (OptionSpec spec : TotpOptionSpecs.ALL) {
            Optional<String> value = configuration.option(spec.name());
            value.flatMap(v -> spec.check().problem(v))
                    .ifPresent(p -> violations.add(new InvalidConfigurationException.Violation("Options." + spec.name(), p)));
            if (spec.required() && value.isEmpty()) {
                violations.add(new InvalidConfigurationException.Violation("Options." + spec.name(), "is required"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidConfigurationException(violations);
        }
        TotpParameters parameters = new TotpParameters(
                HmacAlgorithm.parse(configuration.option(TotpOptions.ALGORITHM).orElse("SHA1")).orElseThrow(),
                Integer.parseInt(configuration.option(TotpOptions.DIGITS).orElse("6")),
                Integer.parseInt(configuration.option(TotpOptions.PERIOD).orElse("30")));
        return new TotpSettings(configuration.option(TotpOptions.ISSUER).orElseThrow(), parameters,
                Integer.parseInt(configuration.option(TotpOptions.WINDOW).orElse("1")));
    }
}
