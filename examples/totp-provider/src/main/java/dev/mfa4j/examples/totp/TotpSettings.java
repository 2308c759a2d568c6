package dev.mfa4j.examples.totp;

import dev.mfa4j.api.InvalidConfigurationException;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.spi.OptionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@code example-totp} configuration's settings other than the secrets, read from its options with
 * their defaults once every option, the secrets included, has passed its check.
 *
 * @param algorithm the HMAC hash function ({@code Algorithm}, default SHA1)
 * @param digits the code length, 6 or 8 ({@code Digits}, default 6)
 * @param skew how many time steps before and after the current one are also accepted, 0 to
 *     {@link TotpProvider#MAX_SKEW} ({@code Skew}, default 1)
 */
record TotpSettings(TotpAlgorithm algorithm, int digits, int skew) {

    /**
     * @throws NullPointerException if {@code algorithm} is null
     * @throws IllegalArgumentException if {@code digits} or {@code skew} is out of range
     */
    TotpSettings {
        Objects.requireNonNull(algorithm, "algorithm");
        if (digits != 6 && digits != 8) {
            throw new IllegalArgumentException("digits must be 6 or 8");
        }
        if (skew < 0 || skew > TotpProvider.MAX_SKEW) {
            throw new IllegalArgumentException("skew must be 0 to " + TotpProvider.MAX_SKEW);
        }
    }

    /**
     * Reads the settings, checking each option again: mfa-core checked them when the configuration
     * was written, but a host may call the SPI directly or edit its store by hand.
     *
     * @param configuration an {@code example-totp} configuration
     * @param specs the provider's option specs
     * @return the settings
     * @throws InvalidConfigurationException naming every option whose value its check refuses
     */
    static TotpSettings from(MfaConfiguration configuration, List<OptionSpec> specs) {
        List<InvalidConfigurationException.Violation> violations = new ArrayList<>();
        for (OptionSpec spec : specs) {
            Optional<String> value = configuration.option(spec.name());
            Optional<String> problem = value.flatMap(v -> spec.check().problem(v));
            problem.ifPresent(p -> violations.add(new InvalidConfigurationException.Violation("Options." + spec.name(), p)));
            if (spec.required() && value.isEmpty()) {
                violations.add(new InvalidConfigurationException.Violation("Options." + spec.name(), "is required"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidConfigurationException(violations);
        }
        return new TotpSettings(
                TotpAlgorithm.fromOption(configuration.option(TotpProvider.ALGORITHM).orElse(TotpAlgorithm.SHA1.name())),
                Integer.parseInt(configuration.option(TotpProvider.DIGITS).orElse("6").strip()),
                Integer.parseInt(configuration.option(TotpProvider.SKEW).orElse("1").strip()));
    }
}
