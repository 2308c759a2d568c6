package dev.mfa4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfa4j.api.StoreException;
import dev.mfa4j.api.spi.AttemptStore.Admission;
import dev.mfa4j.api.spi.AttemptStore.PushAdmission;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the file attempt store adds to the contract (run in mfa-testkit): the file itself. */
class FileAttemptStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static final Duration COOL_DOWN = Duration.ofMinutes(15);
    private static final String BOB = "principal/internal/user/bob";

    @TempDir
    Path directory;

    @Test
    void aLockoutSurvivesReopeningTheFile() {
        Path file = directory.resolve("nested/store.json.attempts");
        FileAttemptStore first = FileAttemptStore.open(file);
        first.admit(BOB, T0, 2, COOL_DOWN);
        first.admit(BOB, T0, 2, COOL_DOWN);

        Admission later = FileAttemptStore.open(file).admit(BOB, T0.plusSeconds(60), 2, COOL_DOWN);

        assertThat(later.admitted()).isFalse();
        assertThat(later.lockedUntil()).contains(T0.plus(COOL_DOWN));
    }

    @Test
    void besideStoreNamesTheFileAfterTheStoreFile() {
        assertThat(FileAttemptStore.besideStore(directory.resolve("store.json")).file())
                .isEqualTo(directory.resolve("store.json.attempts").toAbsolutePath());
    }

    @Test
    void theFileIsReadableByItsOwnerOnlyAndHoldsNoPasscode() throws Exception {
        Path file = directory.resolve("a.attempts");
        FileAttemptStore store = FileAttemptStore.open(file);
        store.claimPasscode("Main\n" + BOB, "5f0c-digest", T0, T0.plusSeconds(600));
        store.admitPush(BOB, "push-1", T0, 3, Duration.ofMinutes(5), T0.plusSeconds(60));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).contains("\"Format\": \"mfa4j-attempts/1\"", "5f0c-digest", "\"PendingPush\": \"push-1\"");
    }

    @Test
    void nothingIsWrittenWhenNothingChanges() {
        Path file = directory.resolve("a.attempts");
        FileAttemptStore store = FileAttemptStore.open(file);

        store.refund(BOB);
        store.recordSuccess(BOB);
        store.endPush(BOB, "p1");
        store.releasePasscode("scope", "f");

        assertThat(file).doesNotExist();
    }

    @Test
    void expiredPasscodeRecordsAreDroppedAndEmptyKeysForgotten() throws Exception {
        Path file = directory.resolve("a.attempts");
        FileAttemptStore store = FileAttemptStore.open(file);
        store.claimPasscode("s", "old", T0, T0.plusSeconds(60));
        store.admit(BOB, T0, 5, COOL_DOWN);
        store.recordSuccess(BOB);

        store.claimPasscode("s", "new", T0.plusSeconds(61), T0.plusSeconds(600));

        assertThat(Files.readString(file)).doesNotContain("old", BOB).contains("new");
    }

    @Test
    void aCorruptFileIsRefusedWithItsPathAndNeverOverwritten() throws Exception {
        Path file = directory.resolve("a.attempts");
        Files.writeString(file, "{\"Format\": \"mfa4j-attempts/1\", \"Keys\": [ {\"Key\": \"x\", \"Failures\": ");

        assertThatThrownBy(() -> FileAttemptStore.open(file))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("is not valid JSON at line 1")
                .hasMessageContaining("it was left as it is");
        assertThat(Files.readString(file)).endsWith("\"Failures\": ");
    }

    @Test
    void aFileCorruptedAfterOpeningFailsEveryOperationAndIsNeverOverwritten() throws Exception {
        Path file = directory.resolve("a.attempts");
        FileAttemptStore store = FileAttemptStore.open(file);
        store.admit(BOB, T0, 5, COOL_DOWN);
        Files.writeString(file, "not json at all");

        assertThatThrownBy(() -> store.admit(BOB, T0, 5, COOL_DOWN)).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store.admitPush(BOB, "p", T0, 3, COOL_DOWN, T0.plusSeconds(5))).isInstanceOf(StoreException.class);
        assertThat(Files.readString(file)).isEqualTo("not json at all");
    }

    @Test
    void semanticallyInvalidContentIsRefusedNamingTheField() throws Exception {
        Path file = directory.resolve("a.attempts");
        Files.writeString(file, """
                {"Format": "mfa4j-attempts/1", "Keys": [{"Key": "k", "Failures": -1}]}""");
        assertThatThrownBy(() -> FileAttemptStore.open(file)).hasMessageContaining("Keys[0].Failures is not a whole number of at least 0");

        Files.writeString(file, """
                {"Format": "mfa4j-attempts/1", "Keys": [{"Key": "k", "LockedUntil": "tomorrow"}]}""");
        assertThatThrownBy(() -> FileAttemptStore.open(file)).hasMessageContaining("Keys[0].LockedUntil is not an ISO-8601 instant");

        Files.writeString(file, """
                {"Format": "mfa4j-attempts/1", "Keys": [{"Key": "k", "PendingPush": "p"}]}""");
        assertThatThrownBy(() -> FileAttemptStore.open(file)).hasMessageContaining("Keys[0] has only one of PendingPush and PendingUntil");

        Files.writeString(file, "{\"Format\": \"mfa4j-store/1\"}");
        assertThatThrownBy(() -> FileAttemptStore.open(file)).hasMessageContaining("its Format is not mfa4j-attempts/1");
    }

    @Test
    void writesLeaveNoTemporaryFiles() throws Exception {
        Path file = directory.resolve("a.attempts");
        FileAttemptStore store = FileAttemptStore.open(file);
        for (int i = 0; i < 10; i++) {
            assertThat(store.admitPush(BOB, "p" + i, T0.plusSeconds(i), 100, Duration.ofMinutes(5), T0.plusSeconds(i)))
                    .isEqualTo(PushAdmission.ADMITTED);
        }

        try (var files = Files.list(directory)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a.attempts", "a.attempts.lock");
        }
    }
}
