package dev.mfa4j.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfa4j.api.InvalidConfigurationException;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.spi.MfaProvider;
import dev.mfa4j.api.spi.OptionSpec;
import dev.mfa4j.core.AttemptPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The provider's self-description, its options and their checks, and how it is found. */
class TotpProviderTest {

    private final TotpProvider provider = new TotpProvider();

    @Test
    void serviceLoaderFindsItWithItsNoArgumentConstructor() {
        assertThat(ServiceLoader.load(MfaProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(TotpProvider.class);
        assertThat(provider.type()).isEqualTo("totp");
        assertThat(provider.keywords()).isEmpty();
        assertThat(provider.enrollment()).isPresent();
    }

    @Test
    void theOptionsAreIssuerAlgorithmDigitsPeriodWindowAndNoneIsASecret() {
        List<OptionSpec> options = provider.options();

        assertThat(options).extracting(OptionSpec::name).containsExactly("Issuer", "Algorithm", "Digits", "Period", "Window");
        assertThat(options).noneMatch(OptionSpec::secret);
        assertThat(options).filteredOn(OptionSpec::required).extracting(OptionSpec::name).containsExactly("Issuer");
        assertThat(options).filteredOn(o -> o.defaultValue().isPresent())
                .allSatisfy(o -> assertThat(o.description()).contains("(default " + o.defaultValue().get()));
        assertThat(options.get(0).description()).contains("Required; no default");
    }

    @Test
    void eachCheckSaysWhatWasExpected() {
        assertThat(problem("Issuer", "ACME Co")).isEmpty();
        assertThat(problem("Issuer", "Bäckerei & Söhne")).isEmpty();
        assertThat(problem("Issuer", "ACME:Co")).hasValueSatisfying(p -> assertThat(p).contains("colon"));
        assertThat(problem("Issuer", " ")).hasValue("must not be blank");
        assertThat(problem("Issuer", " ACME")).isPresent();
        assertThat(problem("Issuer", "A\tB")).isPresent();
        assertThat(problem("Issuer", "x".repeat(65))).hasValue("expected at most 64 characters");
        assertThat(problem("Algorithm", "sha256")).isEmpty();
        assertThat(problem("Algorithm", "MD5")).hasValue("expected one of: SHA1, SHA256, SHA512");
        assertThat(problem("Digits", "7")).isPresent();
        assertThat(problem("Period", "15")).isEmpty();
        assertThat(problem("Period", "60")).isEmpty();
        assertThat(problem("Period", "14")).hasValue("expected a whole number from 15 to 60");
        assertThat(problem("Period", "30s")).isPresent();
        assertThat(problem("Window", "0")).isEmpty();
        assertThat(problem("Window", "4")).hasValue("expected a whole number from 0 to 3");
    }

    @Test
    void aCodeStaysValidForLessThanMfaCoresDefaultReuseWindow() {
        // A code is accepted for (2 x Window + 1) periods; mfa-core refuses it again for its reuse window.
        Duration longestValidity = Duration.ofSeconds((2L * TotpOptions.MAX_WINDOW + 1) * TotpOptions.MAX_PERIOD);

        assertThat(longestValidity).isEqualTo(Duration.ofMinutes(7));
        assertThat(longestValidity).isLessThanOrEqualTo(AttemptPolicy.defaults().passcodeReuseWindow());
    }

    @Test
    void openRefusesAConfigurationThatDidNotPassValidationNamingEachOption() {
        MfaConfiguration bad = MfaConfiguration.of("Authenticator", "totp", Map.of("Period", "5", "Window", "x"));

        assertThatThrownBy(() -> provider.open(bad)).isInstanceOfSatisfying(InvalidConfigurationException.class,
                e -> assertThat(e.violations()).extracting(InvalidConfigurationException.Violation::field)
                        .containsExactlyInAnyOrder("Options.Issuer", "Options.Period", "Options.Window"));
    }

    @Test
    void toStringShowsTheClockOnly() {
        assertThat(new TotpProvider(new MutableClock(java.time.Instant.EPOCH)).toString())
                .isEqualTo("TotpProvider[MutableClock[1970-01-01T00:00:00Z]]");
    }

    private java.util.Optional<String> problem(String option, String value) {
        return provider.options().stream().filter(o -> o.name().equals(option)).findFirst().orElseThrow().check().problem(value);
    }
}
