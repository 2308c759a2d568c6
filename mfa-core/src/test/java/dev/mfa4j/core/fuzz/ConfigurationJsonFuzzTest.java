package dev.mfa4j.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.mfa4j.api.DuplicateConfigurationException;
import dev.mfa4j.api.InvalidInputException;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import dev.mfa4j.core.MfaService;
import dev.mfa4j.core.ScriptedProvider;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The configuration JSON, as a management caller sends it: every input ends in a stored
 * configuration or the documented {@link InvalidInputException} (an invalid configuration, an
 * unknown type), never another exception, a hang, or a message that quotes the input.
 */
class ConfigurationJsonFuzzTest {

    private static final String SECRET = "S3cretT0kenValue";
    private static final List<String> VALID = List.of(
            "{\"Type\": \"scripted\", \"Name\": \"Main\", \"Options\": {\"Endpoint\": \"https://mfa.example.com\", \"Token\": \"" + SECRET
                    + "\", \"Mode\": \"slow\", \"FailMode\": \"open\"}}",
            "{\"type\": \"scripted\", \"name\": \"Other\", \"options\": {\"endpoint\": \"https://a.example\", \"token\": \"" + SECRET
                    + "\"}, \"Revision\": 3}",
            "{\"Options\": {\"Endpoint\": \"https://b.example\"}, \"Revision\": 1}");

    private final MfaService mfa = MfaService.builder(ManagementAuthorizer.allowAll()).discoverProviders(false)
            .provider(new ScriptedProvider()).build();

    @Property(seed = "20261202")
    void createEndsInAConfigurationOrADocumentedRefusal(@ForAll("documents") String json) {
        try {
            MfaConfiguration created = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> mfa.configurations().json().create(json));
            assertThat(created.revision()).isEqualTo(1);
            mfa.configurations().delete(created.name(), true);
        } catch (InvalidInputException | DuplicateConfigurationException e) {
            assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain("\n");
        }
    }

    @Property(seed = "20261203")
    void updateEndsInAConfigurationOrADocumentedRefusal(@ForAll("documents") String json) {
        mfa.configurations().json().create(VALID.get(0).replace("\"Main\"", "\"Target\""));
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> mfa.configurations().json().update("Target", json));
        } catch (InvalidInputException | dev.mfa4j.api.RevisionConflictException e) {
            assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain("\n");
        } finally {
            mfa.configurations().delete("Target", true);
        }
    }

    @Provide
    Arbitrary<String> documents() {
        return JsonMutations.of(VALID);
    }
}
