package dev.mfa4j.totp.internal;

import dev.mfa4j.api.spi.OptionCheck;
import dev.mfa4j.api.spi.OptionSpec;
import dev.mfa4j.totp.TotpOptions;
import java.util.List;
import java.util.Optional;

/** The option specs of a {@code totp} configuration, in the order to show them. */
public final class TotpOptionSpecs {

    /** Every option, in order. */
    public static final List<OptionSpec> ALL = List.of(
            OptionSpec.builder(TotpOptions.ISSUER).required()
                    .description("What authenticator apps show beside the account name, such as your product's name: 1 to "
                            + TotpOptions.MAX_ISSUER_LENGTH + " characters, no colon. Required; no default.")
                    .check(TotpOptionSpecs::issuerProblem)
                    .build(),
            OptionSpec.builder(TotpOptions.ALGORITHM).defaultValue("SHA1")
                    .description("The HMAC hash function: SHA1, SHA256 or SHA512 (default SHA1, the one every authenticator app "
                            + "supports). Used for principals who enroll from now on.")
                    .check(OptionCheck.oneOf("SHA1", "SHA256", "SHA512"))
                    .build(),
            OptionSpec.builder(TotpOptions.DIGITS).defaultValue("6")
                    .description("How many digits a code has: 6 or 8 (default 6). Used for principals who enroll from now on.")
                    .check(OptionCheck.oneOf("6", "8"))
                    .build(),
            OptionSpec.builder(TotpOptions.PERIOD).defaultValue("30")
                    .description("How many seconds each code lasts: " + TotpOptions.MIN_PERIOD + " to " + TotpOptions.MAX_PERIOD
                            + " (default 30, the one every authenticator app supports). Used for principals who enroll from now on.")
                    .check(OptionCheck.integerBetween(TotpOptions.MIN_PERIOD, TotpOptions.MAX_PERIOD))
                    .build(),
            OptionSpec.builder(TotpOptions.WINDOW).defaultValue("1")
                    .description("How many periods before and after the current one are also accepted, for clock drift and typing "
                            + "time: 0 to " + TotpOptions.MAX_WINDOW + " (default 1).")
                    .check(OptionCheck.integerBetween(0, TotpOptions.MAX_WINDOW))
                    .build());

    private TotpOptionSpecs() {
    }

    /**
     * @param value an {@code Issuer} value
     * @return what is wrong with it, or empty
     */
    static Optional<String> issuerProblem(String value) {
        if (value.isBlank()) {
            return Optional.of("must not be blank");
        }
        if (value.length() > TotpOptions.MAX_ISSUER_LENGTH) {
            return Optional.of("expected at most " + TotpOptions.MAX_ISSUER_LENGTH + " characters");
        }
        if (value.strip().length() != value.length()) {
            return Optional.of("must not start or end with whitespace");
        }
        if (value.indexOf(':') >= 0) {
            return Optional.of("must not contain a colon: the otpauth:// label separates the issuer from the account with one");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("must not contain control characters");
        }
        return Optional.empty();
    }
}
