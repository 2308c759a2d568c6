package dev.mfa4j.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.mfa4j.api.StoreException;
import dev.mfa4j.core.FileAttemptStore;
import dev.mfa4j.core.FileMfaConfigurationStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Both file stores' readers, on whatever a file may hold: each ends in a store that answers, or
 * the documented {@link StoreException} naming the file, never another exception or a hang, and
 * a refused file is left as it was.
 */
class StoreFilesFuzzTest {

    private static final List<String> STORES = List.of("""
            {"Format": "mfa4j-store/1",
             "Configurations": [{"Type": "fake", "Name": "Main", "Options": {"Passcode": "77552"}, "Revision": 2}],
             "Assignments": [{"Principal": "principal/internal/user/bob", "Configuration": "Main", "ProviderUserId": "bob"}]}""",
            "{\"Format\": \"mfa4j-store/1\", \"Configurations\": [], \"Assignments\": []}");
    private static final List<String> ATTEMPTS = List.of("""
            {"Format": "mfa4j-attempts/1",
             "Keys": [{"Key": "principal/internal/user/bob", "Failures": 2, "LockedUntil": "2026-11-28T10:15:00Z",
                       "PendingPush": "p1", "PendingUntil": "2026-11-28T10:20:00Z", "WindowStart": "2026-11-28T10:00:00Z",
                       "WindowPushes": 1}],
             "UsedPasscodes": [{"Scope": "Main\\nprincipal/internal/user/bob", "Fingerprint": "h1:00", "ExpiresAt": "2026-11-28T10:10:00Z"}]}""");

    private static Path directory;

    @BeforeContainer
    static void makeDirectory() throws IOException {
        directory = Files.createTempDirectory("mfa4j-fuzz");
    }

    @AfterContainer
    static void removeDirectory() throws IOException {
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** Writes the text as UTF-8, a broken surrogate pair as '?': the bytes are what the reader gets. */
    private static Path write(String name, byte[] content) {
        try {
            return Files.write(directory.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Property(seed = "20261204")
    void theStoreFileReaderEndsInAStoreOrNamesTheFile(@ForAll("storeFiles") String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Path file = write("store.json", bytes);
        try {
            FileMfaConfigurationStore store = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> FileMfaConfigurationStore.open(file));
            assertThat(store.listConfigurations()).isNotNull();
            assertThat(store.listAssignments()).isNotNull();
        } catch (StoreException e) {
            assertThat(e.getMessage()).contains(file.toString()).doesNotContain("77552");
            assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
        }
    }

    @Property(seed = "20261205")
    void theAttemptFileReaderEndsInAStoreOrNamesTheFile(@ForAll("attemptFiles") String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Path file = write("store.json.attempts", bytes);
        try {
            FileAttemptStore store = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> FileAttemptStore.open(file));
            store.admit("principal/internal/user/bob", Instant.parse("2026-11-28T10:05:00Z"), 5, Duration.ofMinutes(15));
            store.claimPasscode("Main\nprincipal/internal/user/bob", "h1:01", Instant.parse("2026-11-28T10:05:00Z"),
                    Instant.parse("2026-11-28T10:15:00Z"));
        } catch (StoreException e) {
            assertThat(e.getMessage()).contains(file.toString());
            assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
        }
    }

    @Provide
    Arbitrary<String> storeFiles() {
        return JsonMutations.of(STORES);
    }

    @Provide
    Arbitrary<String> attemptFiles() {
        return JsonMutations.of(ATTEMPTS);
    }
}
