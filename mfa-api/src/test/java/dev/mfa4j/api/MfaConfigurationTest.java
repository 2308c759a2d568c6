package dev.mfa4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MfaConfigurationTest {

    private static Map<String, String> duoOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("IntegrationKey", "DIWJ8X6AEYOR5OMC6TQ1");
        options.put("SecretKey", "Zh5eGmUq9zpfQnyUIu5OL9iWoMMv5ZNmk3zLJ4Ep");
        options.put("Host", "api-3945ef22.duosecurity.com");
        return options;
    }

    @Test
    void keepsOptionsInOrderAndUnmodifiable() {
        Map<String, String> options = duoOptions();
        MfaConfiguration configuration = MfaConfiguration.of("BeyondTrustDuo", "duo", options);
        options.put("Host", "changed-after-construction");

        assertThat(configuration.options().keySet()).containsExactly("IntegrationKey", "SecretKey", "Host");
        assertThat(configuration.option("Host")).contains("api-3945ef22.duosecurity.com");
        assertThatThrownBy(() -> configuration.options().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(configuration.revision()).isZero();
    }

    @Test
    void toStringNamesOptionKeysButNeverValues() {
        MfaConfiguration configuration = MfaConfiguration.of("BeyondTrustDuo", "duo", duoOptions());

        assertThat(configuration.toString())
                .contains("BeyondTrustDuo", "duo", "SecretKey", "IntegrationKey")
                .doesNotContain("Zh5eGmUq9zpfQnyUIu5OL9iWoMMv5ZNmk3zLJ4Ep")
                .doesNotContain("DIWJ8X6AEYOR5OMC6TQ1");
    }

    @Test
    void acceptsTheSeedsNamesWithSpaces() {
        assertThat(MfaConfiguration.of("Secrets Safe Duo", "duo", Map.of()).name()).isEqualTo("Secrets Safe Duo");
    }

    @Test
    void reportsEveryProblemAtOnceNamingTheFields() {
        assertThatThrownBy(() -> new MfaConfiguration(" ", "Duo!", Map.of("bad key", "v"), -1))
                .isInstanceOf(InvalidConfigurationException.class)
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).violations())
                        .extracting(InvalidConfigurationException.Violation::field)
                        .containsExactly("Name", "Type", "Options", "Revision"));
    }

    @Test
    void refusesNamesWithSlashesControlsOrSurroundingSpaces() {
        for (String name : new String[] {"a/b", "tab\there", " lead", "trail ", "x".repeat(129), "caf\u00e9"}) {
            assertThatThrownBy(() -> MfaConfiguration.of(name, "duo", Map.of()))
                    .as(name)
                    .isInstanceOf(InvalidConfigurationException.class)
                    .satisfies(e -> assertThat(((InvalidConfigurationException) e).field()).isEqualTo("Name"));
        }
    }

    @Test
    void refusesAnOversizedOptionValueWithoutQuotingIt() {
        String huge = "s".repeat(MfaConfiguration.MAX_OPTION_VALUE_LENGTH + 1);

        assertThatThrownBy(() -> MfaConfiguration.of("n", "duo", Map.of("SecretKey", huge)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("Options.SecretKey")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }

    @Test
    void withRevisionAndWithOptionsCopy() {
        MfaConfiguration first = MfaConfiguration.of("n", "duo", duoOptions());

        assertThat(first.withRevision(3).revision()).isEqualTo(3);
        assertThat(first.withOptions(Map.of("Host", "h")).options()).containsOnlyKeys("Host");
        assertThat(first.revision()).isZero();
    }
}
