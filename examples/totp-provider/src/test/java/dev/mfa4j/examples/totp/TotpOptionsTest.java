package dev.mfa4j.examples.totp;

import static dev.mfa4j.examples.totp.Codes.ALICE_SECRET;
import static dev.mfa4j.examples.totp.Codes.SECRETS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfa4j.api.InvalidConfigurationException;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.spi.OptionSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TotpOptionsTest {

    private final TotpProvider provider = new TotpProvider();

    private OptionSpec spec(String name) {
        return provider.options().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void declaresItsOptionsWithDefaultsAndOnlySecretsIsSecret() {
        assertThat(provider.options()).extracting(OptionSpec::name).containsExactly("Secrets", "Algorithm", "Digits", "Skew");
        assertThat(provider.options()).filteredOn(OptionSpec::secret).extracting(OptionSpec::name).containsExactly("Secrets");
        assertThat(spec("Secrets").required()).isTrue();
        assertThat(spec("Algorithm").defaultValue()).contains("SHA1");
        assertThat(spec("Digits").defaultValue()).contains("6");
        assertThat(spec("Skew").defaultValue()).contains("1");
    }

    @Test
    void theDefaultsAreSha1SixDigitsAndOneStepOfSkew() {
        TotpSettings settings = TotpSettings.from(MfaConfiguration.of("a", "example-totp", Map.of("Secrets", SECRETS)), provider.options());

        assertThat(settings).isEqualTo(new TotpSettings(TotpAlgorithm.SHA1, 6, 1));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "Algorithm, MD5",
            "Algorithm, SHA-1",
            "Digits, 7",
            "Digits, 10",
            "Skew, 4",
            "Skew, -1",
            "Skew, one"})
    void badSettingsAreRefused(String option, String value) {
        assertThat(spec(option).check().problem(value)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",                                  // no name
            "alice=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP,",                            // an empty entry
            "alice=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PX1",                             // not Base32
            "alice=JBSWY3DP EHPK3PXPJBSWY3DPEHPK3PXP",                            // a space inside
            "alice=JBSWY3DPEHPK3PXP",                                             // 10 bytes: under 128 bits
            "al ice=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",                            // a space in the name
            "alice=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP,alice=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",  // a name twice
            "=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"})                                // an empty name
    void badSecretsAreRefusedWithoutQuotingThem(String value) {
        Optional<String> problem = spec("Secrets").check().problem(value);

        assertThat(problem).isPresent();
        assertThat(problem.get()).doesNotContain("JBSWY3DP").doesNotContain("GEZDGNBV").doesNotContain("alice").doesNotContain("al ice");
    }

    @Test
    void goodSecretsPass() {
        assertThat(spec("Secrets").check().problem(SECRETS)).isEmpty();
        assertThat(spec("Secrets").check().problem("alice@example.com=" + ALICE_SECRET.toLowerCase(java.util.Locale.ROOT))).isEmpty();
        assertThat(spec("Secrets").check().problem("a=" + ALICE_SECRET + ",\n  b.c-d_e+f=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA====\n"))
                .isEmpty();
    }

    @Test
    void theProblemNamesTheEntry() {
        assertThat(spec("Secrets").check().problem("a=" + ALICE_SECRET + ", b=" + ALICE_SECRET + ", c=JBSWY3DP"))
                .hasValueSatisfying(p -> assertThat(p).startsWith("entry 3"));
    }

    @Test
    void openRefusesABadConfigurationNamingEveryBadField() {
        MfaConfiguration bad = MfaConfiguration.of("hand-edited", "example-totp", Map.of("Secrets", "alice=" + "JBSWY3DP", "Digits", "7", "Skew", "9"));

        assertThatThrownBy(() -> provider.open(bad))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.violations())
                        .extracting(InvalidConfigurationException.Violation::field)
                        .containsExactly("Options.Secrets", "Options.Digits", "Options.Skew"))
                .message().doesNotContain("JBSWY3DP");
    }

    @Test
    void openRefusesAConfigurationWithoutSecrets() {
        assertThatThrownBy(() -> provider.open(MfaConfiguration.of("empty", "example-totp", Map.of())))
                .isInstanceOfSatisfying(InvalidConfigurationException.class,
                        e -> assertThat(e.violations()).extracting(InvalidConfigurationException.Violation::field)
                                .isEqualTo(List.of("Options.Secrets")));
    }
}
