package dev.mfa4j.core;

import static dev.mfa4j.core.Fixtures.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfa4j.api.InvalidConfigurationException;
import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.SealedSecretException;
import dev.mfa4j.api.VerificationResult;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import dev.mfa4j.api.spi.MfaConfigurationStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secret options sealed with AES-256-GCM, bound to the configuration name, with key rotation. */
class SealingTest {

    private static final String CANARY = "CanaryT0kenQ7zX9wV";
    private static final byte[] KEY_1 = key();
    private static final byte[] KEY_2 = key();

    @TempDir
    Path directory;

    private final ScriptedProvider provider = new ScriptedProvider();

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private MfaService service(MfaConfigurationStore store, SealingKeys keys) {
        MfaService.Builder builder = MfaService.builder(ManagementAuthorizer.allowAll()).store(store)
                .discoverProviders(false).provider(provider);
        return keys == null ? builder.build() : builder.sealing(keys).build();
    }

    private static String config(String name) {
        return """
                {"Type": "scripted", "Name": "%s", "Options": {"Endpoint": "https://mfa.example.com", "Token": "%s"}}
                """.formatted(name, CANARY);
    }

    @Test
    void theStoreHoldsOnlyCiphertextAndTheProviderGetsThePlainSecret() throws Exception {
        Path file = directory.resolve("store.json");
        MfaService mfa = service(FileMfaConfigurationStore.open(file), SealingKeys.current("k1", KEY_1));
        mfa.configurations().json().create(config("Main"));
        mfa.principals().assign(MfaAssignment.of(BOB).configuration("Main").providerUserId("bob"));

        VerificationResult result = mfa.verify(BOB, ScriptedProvider.GOOD_PASSCODE);

        assertThat(result.reason()).isEqualTo(Reason.APPROVED);
        String stored = Files.readString(file);
        assertThat(stored).doesNotContain(CANARY).contains("\"Token\": \"mfa4j-sealed:v1:k1:").contains("https://mfa.example.com");
        assertThat(provider.openedConfigurations).singleElement().satisfies(c -> assertThat(c.option("Token")).contains(CANARY));
        assertThat(mfa.configurations().get("Main", SecretVisibility.REVEALED).orElseThrow().option("Token")).contains(CANARY);
        assertThat(mfa.configurations().get("Main").orElseThrow().option("Token")).contains(MfaConfigurations.REDACTED);
    }

    @Test
    void aSealedValueMovedToAnotherConfigurationDoesNotOpenAndThatConfigurationFailsClosed() {
        InMemoryMfaConfigurationStore store = new InMemoryMfaConfigurationStore();
        MfaService mfa = service(store, SealingKeys.current("k1", KEY_1));
        mfa.configurations().json().create(config("A"));
        mfa.configurations().json().create(config("B").replace(CANARY, "OtherTokenValue1"));
        PrincipalId alice = PrincipalId.user("internal", "alice");
        mfa.principals().assign(MfaAssignment.of(alice).configuration("B").providerUserId("alice"));
        // Someone with write access to the store copies A's sealed secret into B.
        MfaConfiguration a = store.findConfiguration("A").orElseThrow();
        MfaConfiguration b = store.findConfiguration("B").orElseThrow();
        Map<String, String> moved = new LinkedHashMap<>(b.options());
        moved.put("Token", a.option("Token").orElseThrow());
        store.updateConfiguration(b.withOptions(moved), b.revision());

        VerificationResult result = mfa.verify(alice, ScriptedProvider.GOOD_PASSCODE);

        assertThat(result.reason()).isEqualTo(Reason.CONFIGURATION_ERROR);
        assertThat(result.message()).contains("option Token of MFA configuration 'B' cannot be opened");
        assertThat(provider.requests).isEmpty();
        assertThatThrownBy(() -> mfa.configurations().get("B", SecretVisibility.REVEALED)).isInstanceOf(SealedSecretException.class);
        assertThat(mfa.configurations().list()).hasSize(2);
        assertThatThrownBy(() -> mfa.configurations().json().update("B", "{\"Options\": {\"Endpoint\": \"https://mfa.example.com\"}}"))
                .isInstanceOf(InvalidConfigurationException.class).hasMessageContaining("Options.Token: is required");
        mfa.configurations().json().update("B", "{\"Options\": {\"Endpoint\": \"https://mfa.example.com\", \"Token\": \"FreshToken123\"}}");
        assertThat(mfa.verify(alice, ScriptedProvider.GOOD_PASSCODE).reason()).isEqualTo(Reason.APPROVED);
    }

    @Test
    void rotationOpensOldValuesResealsThemAndThenNeedsOnlyTheNewKey() {
        InMemoryMfaConfigurationStore store = new InMemoryMfaConfigurationStore();
        MfaService old = service(store, SealingKeys.current("k1", KEY_1));
        old.configurations().json().create(config("Main"));
        old.principals().assign(MfaAssignment.of(BOB).configuration("Main").providerUserId("bob"));

        MfaService rotating = service(store, SealingKeys.current("k2", KEY_2).withPrevious("k1", KEY_1));
        assertThat(rotating.verify(BOB, ScriptedProvider.GOOD_PASSCODE).reason()).as("old values still open").isEqualTo(Reason.APPROVED);
        assertThat(rotating.configurations().reseal()).isEqualTo(1);
        assertThat(rotating.configurations().reseal()).as("nothing left to reseal").isZero();
        assertThat(store.findConfiguration("Main").orElseThrow().option("Token").orElseThrow()).startsWith("mfa4j-sealed:v1:k2:");

        MfaService rotated = service(store, SealingKeys.current("k2", KEY_2));
        assertThat(rotated.verify(BOB, "111222").reason()).isEqualTo(Reason.INVALID_PASSCODE);
        assertThat(rotated.configurations().get("Main", SecretVisibility.REVEALED).orElseThrow().option("Token")).contains(CANARY);
        assertThat(service(store, SealingKeys.current("k1", KEY_1)).verify(BOB, ScriptedProvider.GOOD_PASSCODE).reason())
                .as("the retired key opens nothing").isEqualTo(Reason.CONFIGURATION_ERROR);
    }

    @Test
    void plainSecretsFromBeforeSealingKeepWorkingUntilResealed() {
        InMemoryMfaConfigurationStore store = new InMemoryMfaConfigurationStore();
        service(store, null).configurations().json().create(config("Main"));
        MfaService sealing = service(store, SealingKeys.current("k1", KEY_1));
        sealing.principals().assign(MfaAssignment.of(BOB).configuration("Main").providerUserId("bob"));

        assertThat(sealing.verify(BOB, ScriptedProvider.GOOD_PASSCODE).reason()).isEqualTo(Reason.APPROVED);
        assertThat(sealing.configurations().reseal()).isEqualTo(1);
        assertThat(store.findConfiguration("Main").orElseThrow().option("Token").orElseThrow()).startsWith("mfa4j-sealed:v1:k1:");
    }

    @Test
    void aSealedSecretWithoutKeysOrAlteredFailsClosed() {
        InMemoryMfaConfigurationStore store = new InMemoryMfaConfigurationStore();
        service(store, SealingKeys.current("k1", KEY_1)).configurations().json().create(config("Main"));
        MfaService keyless = service(store, null);
        keyless.principals().assign(MfaAssignment.of(BOB).configuration("Main").providerUserId("bob"));

        assertThat(keyless.verify(BOB, ScriptedProvider.GOOD_PASSCODE).message()).contains("is sealed, but this service has no sealing keys");

        MfaConfiguration stored = store.findConfiguration("Main").orElseThrow();
        String sealed = stored.option("Token").orElseThrow();
        String altered = sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("AA") ? "BB" : "AA");
        store.updateConfiguration(stored.withOptions(Map.of("Endpoint", "https://mfa.example.com", "Token", altered)), stored.revision());
        assertThat(service(store, SealingKeys.current("k1", KEY_1)).verify(BOB, ScriptedProvider.GOOD_PASSCODE).reason())
                .isEqualTo(Reason.CONFIGURATION_ERROR);
        assertThatThrownBy(keyless.configurations()::reseal).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void keysAreCheckedAndNeverPrinted() {
        assertThatThrownBy(() -> SealingKeys.current("k1", new byte[16])).hasMessageContaining("32 bytes (AES-256), not 16");
        assertThatThrownBy(() -> SealingKeys.current("k 1", KEY_1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SealingKeys.current("k1", KEY_1).withPrevious("k1", KEY_2)).hasMessageContaining("given twice");
        assertThat(SealingKeys.current("k2", KEY_2).withPrevious("k1", KEY_1).toString()).isEqualTo("SealingKeys[current=k2, all=[k2, k1]]");
    }
}
