package dev.mfa4j.core;

import static dev.mfa4j.core.Fixtures.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStoreTest {

    @TempDir
    Path directory;

    private static final MfaConfiguration MAIN = MfaConfiguration.of("Main", "scripted",
            Map.of("Endpoint", "https://mfa.example.com", "Token", Fixtures.TOKEN));

    @Test
    void aMissingFileIsAnEmptyStoreCreatedOnTheFirstChangeWithItsDirectories() throws Exception {
        Path file = directory.resolve("nested/dir/store.json");
        FileMfaConfigurationStore store = FileMfaConfigurationStore.open(file);
        assertThat(store.listConfigurations()).isEmpty();
        assertThat(file).doesNotExist();

        store.createConfiguration(MAIN);

        assertThat(file).exists();
        assertThat(Files.readString(file)).contains("\"Format\": \"mfa4j-store/1\"", "\"Name\": \"Main\"");
    }

    @Test
    void theFileIsReadableByItsOwnerOnly() throws Exception {
        Path file = directory.resolve("store.json");
        FileMfaConfigurationStore.open(file).createConfiguration(MAIN);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void contentSurvivesReopening() {
        Path file = directory.resolve("store.json");
        FileMfaConfigurationStore first = FileMfaConfigurationStore.open(file);
        first.createConfiguration(MAIN);
        first.putAssignment(new MfaAssignment(BOB, "Main", "bob"));

        FileMfaConfigurationStore reopened = FileMfaConfigurationStore.open(file);

        assertThat(reopened.findConfiguration("Main")).contains(MAIN.withRevision(1));
        assertThat(reopened.findAssignment(BOB)).contains(new MfaAssignment(BOB, "Main", "bob"));
    }

    @Test
    void aCorruptFileIsRefusedAtOpenWithThePathAndTheErrorAndIsNeverOverwritten() throws Exception {
        Path file = directory.resolve("store.json");
        String corrupt = "{\"Format\": \"mfa4j-store/1\", \"Configurations\": [ {\"Name\": \"x\", \"SecretKey\": \"abc";
        Files.writeString(file, corrupt);

        assertThatThrownBy(() -> FileMfaConfigurationStore.open(file))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("is not valid JSON at line 1")
                .hasMessageNotContaining("abc");
        assertThat(Files.readString(file)).isEqualTo(corrupt);
    }

    @Test
    void aFileCorruptedAfterOpeningIsNeverOverwritten() throws Exception {
        Path file = directory.resolve("store.json");
        FileMfaConfigurationStore store = FileMfaConfigurationStore.open(file);
        store.createConfiguration(MAIN);
        Files.writeString(file, "not json at all");

        assertThatThrownBy(() -> store.createConfiguration(MAIN.withOptions(Map.of()).withRevision(0)))
                .isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store.findConfiguration("Main")).isInstanceOf(StoreException.class);
        assertThat(Files.readString(file)).isEqualTo("not json at all");
    }

    @Test
    void semanticallyInvalidContentIsRefusedToo() throws Exception {
        Path file = directory.resolve("store.json");
        Files.writeString(file, """
                {"Format": "mfa4j-store/1", "Configurations": [],
                 "Assignments": [{"Principal": "principal/internal/user/bob", "Configuration": "Gone", "ProviderUserId": "b"}]}""");

        assertThatThrownBy(() -> FileMfaConfigurationStore.open(file))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("Assignments[0] names a configuration that is not in the file");
        Files.writeString(file, "{\"Format\": \"something-else/9\"}");
        assertThatThrownBy(() -> FileMfaConfigurationStore.open(file)).hasMessageContaining("its Format is not mfa4j-store/1");
    }

    @Test
    void twoStoresOnOneFileSeeEachOthersChanges() {
        Path file = directory.resolve("store.json");
        FileMfaConfigurationStore a = FileMfaConfigurationStore.open(file);
        FileMfaConfigurationStore b = FileMfaConfigurationStore.open(file);

        a.createConfiguration(MAIN);
        assertThat(b.findConfiguration("Main")).isPresent();
        b.putAssignment(new MfaAssignment(BOB, "Main", "bob"));
        assertThat(a.findAssignment(BOB)).isPresent();
        MfaConfiguration updated = a.updateConfiguration(MAIN.withOptions(Map.of("Endpoint", "https://b.example.com")), 1);

        assertThat(b.findConfiguration("Main")).contains(updated);
    }

    @Test
    void writesLeaveNoTemporaryFilesAndALeftoverFromACrashedWriterIsRemoved() throws Exception {
        Path file = directory.resolve("store.json");
        Files.writeString(directory.resolve("store.json.4711.tmp"), "half-written content of a killed writer, secrets included");
        FileMfaConfigurationStore store = FileMfaConfigurationStore.open(file);
        assertThat(directory.resolve("store.json.4711.tmp")).as("removed at open").doesNotExist();
        Files.writeString(directory.resolve("store.json.99.mfa4j-tmp"), "another, left while the store was open");
        store.createConfiguration(MAIN);
        assertThat(directory.resolve("store.json.99.mfa4j-tmp")).as("removed at the next change").doesNotExist();
        for (int i = 0; i < 20; i++) {
            store.putAssignment(new MfaAssignment(BOB, "Main", "bob" + i));
        }

        try (var files = Files.list(directory)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("store.json", "store.json.lock");
        }
        assertThat(FileMfaConfigurationStore.open(file).findAssignment(BOB)).contains(new MfaAssignment(BOB, "Main", "bob19"));
    }
}
