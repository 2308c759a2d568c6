package com.example.mfa.pin;

import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.spi.MfaProvider;
import dev.mfa4j.api.spi.MfaVerifier;
import dev.mfa4j.api.spi.OptionCheck;
import dev.mfa4j.api.spi.OptionSpec;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Provider type {@code pin}: the user types the configuration's {@code Pin}. Only what a plugin
 * needs to be found and used, written against mfa-api as a third party would.
 */
public final class PinProvider implements MfaProvider {

    /** For ServiceLoader. */
    public PinProvider() {
    }

    @Override
    public int spiVersion() {
        return 1;
    }

    @Override
    public String type() {
        return "pin";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.builder("Pin").required().secret()
                .description("The code every user of this configuration types: 4 to 16 digits.")
                .check(OptionCheck.matching(Pattern.compile("[0-9]{4,16}"), "4 to 16 digits"))
                .build());
    }

    @Override
    public MfaVerifier open(MfaConfiguration configuration) {
        return new PinVerifier(configuration.option("Pin").orElseThrow());
    }
}
