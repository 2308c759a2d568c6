package dev.mfa4j.duo.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfa4j.api.InvalidConfigurationException;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import dev.mfa4j.core.MfaService;
import org.junit.jupiter.api.Test;

/** Duo's required options (Host, IntegrationKey, SecretKey: present, not blank, of the right form), through MfaService. */
class DuoOptionRulesTest {

    private final MfaService mfa = MfaService.builder(ManagementAuthorizer.allowAll()).build();

    private static String config(String host, String ikey, String skey) {
        return """
                {"type": "duo", "name": "My company Duo application", "options": {"IntegrationKey": "%s", "SecretKey": "%s", "Host": "%s"}}
                """.formatted(ikey, skey, host);
    }

    @Test
    void duoOptionsHostIntegrationKeyAndSecretKeyAreAllRequiredNonBlankAndValidatedForForm() {
        assertThatThrownBy(() -> mfa.configurations().json().create("""
                {"Type": "duo", "Name": "D", "Options": {}}"""))
                .isInstanceOf(InvalidConfigurationException.class)
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).violations())
                        .extracting(InvalidConfigurationException.Violation::field)
                        .containsExactlyInAnyOrder("Options.Host", "Options.IntegrationKey", "Options.SecretKey"));
        assertThatThrownBy(() -> mfa.configurations().json().create(config(" ", " ", " ")))
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).violations())
                        .allSatisfy(v -> assertThat(v.problem()).isEqualTo("must not be blank")));
        // The sample values of the Secrets Safe-style documentation (a placeholder empty host, keys of the wrong form) are refused.
        assertThatThrownBy(() -> mfa.configurations().json().create(config("", "qeetyitqrtqkjpohgdjag03?=", "j#lfae2df$?==")))
                .isInstanceOf(InvalidConfigurationException.class)
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).violations())
                        .extracting(InvalidConfigurationException.Violation::field)
                        .containsExactlyInAnyOrder("Options.Host", "Options.IntegrationKey", "Options.SecretKey"))
                .hasMessageNotContaining("j#lfae2df$?==");
        assertThat(mfa.configurations().list()).isEmpty();

        mfa.configurations().json().create(config("api-3945ef22.duosecurity.com", "DIWJ8X6AEYOR5OMC6TQ1", "Zh5eGmUq9zpfQnyUIu5OL9iWoMMv5ZNmk3zLJ4Ep"));

        assertThat(mfa.configurations().json().list()).contains("\"Type\": \"duo\"", "\"Name\": \"My company Duo application\"",
                "\"IntegrationKey\": \"DIWJ8X6AEYOR5OMC6TQ1\"", "\"SecretKey\": \"********\"", "\"Host\": \"api-3945ef22.duosecurity.com\"");
    }
}
