package dev.mfa4j.core;

import static dev.mfa4j.core.Fixtures.CONFIG_JSON;
import static dev.mfa4j.core.Fixtures.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfa4j.api.InvalidConfigurationException;
import dev.mfa4j.api.InvalidInputException;
import dev.mfa4j.api.UnknownProviderTypeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad configuration JSON gets a specific exception naming the field or position,
 * and leaves the store byte-for-byte as it was (checked on the file store's bytes).
 */
class ConfigurationJsonBadInputTest {

    @TempDir
    Path directory;

    private MfaService mfa;
    private Path file;

    @BeforeEach
    void createOneConfiguration() {
        file = directory.resolve("store.json");
        mfa = Fixtures.service(new ScriptedProvider(), FileMfaConfigurationStore.open(file));
        mfa.configurations().json().create(CONFIG_JSON);
    }

    private void refusedWithoutChange(ThrowingCallable call, Consumer<InvalidInputException> check) throws IOException {
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(call).isInstanceOf(InvalidInputException.class).satisfies(e -> check.accept((InvalidInputException) e));
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    private void createRefused(String json, String field, String problemPart) throws IOException {
        refusedWithoutChange(() -> mfa.configurations().json().create(json), e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains(problemPart);
        });
        refusedWithoutChange(() -> mfa.configurations().json().update("Main", json), e -> assertThat(e.getMessage()).isNotBlank());
    }

    @Test
    void malformedJsonNamesThePosition() throws IOException {
        createRefused("{\"Type\": \"scripted\",\n \"Name\": }", "document", "is not valid JSON at line 2, column 10");
        createRefused("", "document", "must be a JSON object");
        createRefused("{\"Type\": \"scripted\"", "document", "is not valid JSON");
        createRefused("{} trailing", "document", "is not valid JSON");
        createRefused("{} {}", "document", "has content after the configuration object");
    }

    @Test
    void aMalformedValueIsNeverQuotedBackEvenWhenItLooksLikeASecret() throws IOException {
        refusedWithoutChange(() -> mfa.configurations().json().create("{\"Options\": {\"Token\": S3cretUnquoted}}"),
                e -> assertThat(e.getMessage()).doesNotContain("S3cretUnquoted"));
    }

    @Test
    void wrongValueTypesNameTheField() throws IOException {
        createRefused("{\"Type\": 5, \"Name\": \"Main\", \"Options\": {}}", "Type", "must be a JSON string, not a number (put the value in quotes)");
        createRefused("{\"Type\": \"scripted\", \"Name\": [\"a\"], \"Options\": {}}", "Name", "not an array");
        createRefused("{\"Type\": \"scripted\", \"Name\": \"X\", \"Options\": []}", "Options", "must be a JSON object");
        createRefused("{\"Type\": \"scripted\", \"Name\": \"X\", \"Options\": {\"Mode\": true}}", "Options.Mode", "not a boolean");
        createRefused("{\"Type\": \"scripted\", \"Name\": \"X\", \"Options\": {\"Mode\": null}}", "Options.Mode", "not null");
        createRefused("{\"Type\": \"scripted\", \"Name\": \"X\", \"Options\": {\"Mode\": {\"a\": 1}}}", "Options.Mode", "not an object");
        createRefused("[{\"Type\": \"scripted\"}]", "document", "must be a JSON object");
    }

    @Test
    void missingNameTypeOrOptionsAreEachNamed() throws IOException {
        refusedWithoutChange(() -> mfa.configurations().json().create("{}"), e -> assertThat(((InvalidConfigurationException) e).violations())
                .extracting(InvalidConfigurationException.Violation::field).containsExactly("Name", "Type", "Options"));
        refusedWithoutChange(() -> mfa.configurations().json().update("Main", "{\"Type\": \"scripted\"}"), e -> assertThat(e.field()).isEqualTo("Options"));
    }

    @Test
    void anUnknownTypeNamesTheInstalledOnes() throws IOException {
        refusedWithoutChange(() -> mfa.configurations().json().create("{\"Type\": \"okta\", \"Name\": \"X\", \"Options\": {}}"), e -> {
            assertThat(e).isInstanceOf(UnknownProviderTypeException.class);
            assertThat(e.field()).isEqualTo("Type");
            assertThat(((UnknownProviderTypeException) e).installedTypes()).containsExactly("scripted");
        });
        refusedWithoutChange(() -> mfa.configurations().json().update("Main", "{\"Type\": \"okta\", \"Options\": {}}"),
                e -> assertThat(e).isInstanceOf(UnknownProviderTypeException.class));
    }

    @Test
    void blankValuesAreRefused() throws IOException {
        createRefused("{\"Type\": \"scripted\", \"Name\": \" \", \"Options\": {\"Endpoint\": \"https://a.example\", \"Token\": \"%s\"}}"
                .formatted(TOKEN), "Name", "must not be blank");
        createRefused("{\"Type\": \"\", \"Name\": \"X\", \"Options\": {}}", "Type", "no MFA provider of type ''");
        refusedWithoutChange(() -> mfa.configurations().json().create(
                "{\"Type\": \"scripted\", \"Name\": \"X\", \"Options\": {\"Endpoint\": \"  \", \"Token\": \"%s\", \"Mode\": \"\"}}".formatted(TOKEN)),
                e -> assertThat(((InvalidConfigurationException) e).violations()).extracting(Object::toString)
                        .containsExactly("Options.Endpoint: must not be blank",
                                "Options.Mode: must not be blank; leave it out to use the default"));
    }

    @Test
    void keysThatDifferOnlyInCaseAreRefused() throws IOException {
        createRefused("{\"Type\": \"scripted\", \"type\": \"scripted\", \"Name\": \"X\", \"Options\": {}}", "Type",
                "is given twice (as 'Type' and 'type')");
        createRefused("{\"Type\": \"scripted\", \"Name\": \"X\", \"Options\": {\"Token\": \"a\", \"TOKEN\": \"b\"}}", "Options.TOKEN",
                "option names are matched without regard to case");
        createRefused("{\"Name\": \"X\", \"Name\": \"Y\"}", "Name", "is given twice");
    }

    @Test
    void unknownKeysAreRefusedNamingThem() throws IOException {
        createRefused("{\"Type\": \"scripted\", \"Name\": \"X\", \"Options\": {}, \"Comment\": \"hi\"}", "Comment",
                "is not a configuration field");
        refusedWithoutChange(() -> mfa.configurations().json().create(
                "{\"Type\": \"scripted\", \"Name\": \"X\", \"Options\": {\"Endpoint\": \"https://a.example\", \"Token\": \"%s\", \"Colour\": \"red\"}}"
                        .formatted(TOKEN)),
                e -> assertThat(e.getMessage()).contains("Options.Colour: is not an option of type scripted; its options are Endpoint, Token, Mode"));
    }

    @Test
    void documentsOver64KibAreRefusedUnparsed() throws IOException {
        String padded = "{\"Type\": \"scripted\", \"Name\": \"X\", \"Options\": {\"Endpoint\": \"" + "a".repeat(70_000) + "\"}}";
        createRefused(padded, "document", "a configuration document has at most 65536");
        String tenMegabytes = "{\"Type\": \"scripted\", \"Name\": \"" + "x".repeat(10 * 1024 * 1024) + "\"}";
        createRefused(tenMegabytes, "document", "is 10485792 bytes");
        String multiByte = "{\"Name\": \"" + "\u00e9".repeat(33_000) + "\"}";
        createRefused(multiByte, "document", "is 66012 bytes");
    }

    @Test
    void deeplyNestedInputIsRefusedWithoutRecursionTrouble() throws IOException {
        String deep = "{\"Options\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        createRefused(deep, "document", "nests deeper than 8 levels");
        String deepObject = "{\"Comment\": " + "{\"a\": ".repeat(5_000) + "1" + "}".repeat(5_000) + "}";
        createRefused(deepObject, "document", "nests deeper than 8 levels");
    }

    @Test
    void aCrossFieldRuleOfTheProviderIsApplied() throws IOException {
        createRefused("{\"Type\": \"scripted\", \"Name\": \"X\", \"Options\": {\"Endpoint\": \"https://fast.example\", \"Token\": \"%s\", \"Mode\": \"slow\"}}"
                .formatted(TOKEN), "Options.Mode", "slow mode cannot use a fast endpoint");
    }

    @Test
    void theRedactionMaskIsNotASecretOnCreate() throws IOException {
        createRefused("{\"Type\": \"scripted\", \"Name\": \"X\", \"Options\": {\"Endpoint\": \"https://a.example\", \"Token\": \"********\"}}",
                "Options.Token", "is the redaction mask");
    }

    @Test
    void aRevisionOnCreateIsRefused() throws IOException {
        createRefused("{\"Type\": \"scripted\", \"Name\": \"X\", \"Options\": {}, \"Revision\": 3}", "Revision", "is set by the store");
        createRefused("{\"Revision\": \"3\"}", "Revision", "must be a whole number");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> mfa.configurations().json().create(
                "{\"Type\": \"scripted\", \"Name\": \"Fine\", \"Options\": {\"Endpoint\": \"ftp://x\", \"Colour\": \"red\"}}"))
                .isInstanceOf(InvalidConfigurationException.class)
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).violations())
                        .extracting(InvalidConfigurationException.Violation::field)
                        .containsExactly("Options.Colour", "Options.Endpoint", "Options.Token"))
                .hasMessageStartingWith("invalid configuration (3 problems): ");
    }

    @Test
    void aMalformedNameIsReportedAloneBecauseTheAuthorizerIsAskedAboutTheNameBeforeTheRestIsChecked() {
        // A name with a '/' would name another resource path, so it is refused before the
        // authorizer is asked, and the options (checked only for a permitted caller) are not looked at.
        assertThatThrownBy(() -> mfa.configurations().json().create(
                "{\"Type\": \"scripted\", \"Name\": \"bad/name\", \"Options\": {\"Endpoint\": \"ftp://x\", \"Colour\": \"red\"}}"))
                .isInstanceOf(InvalidConfigurationException.class)
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).violations())
                        .extracting(InvalidConfigurationException.Violation::field)
                        .containsExactly("Name"));
    }
}
