package dev.mfa4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file stores as an attacker on the same machine would try them through {@code mfa}: links,
 * planted lock files, a crashed writer's leftovers, a stalled lock, endless input, numbers that
 * do not fit. Uses the testkit's {@code fake} provider, which the command line finds on its class
 * path, so no Duo is needed.
 */
class StoreFileHardeningTest {

    private static final String FAKE = "{\"Type\": \"fake\", \"Name\": \"Fake\", \"Options\": {\"Passcode\": \"77552\"}}";

    @TempDir
    Path directory;

    private Path real;
    private Path link;

    @BeforeEach
    void aStoreReachedThroughALink() throws Exception {
        Path vault = Files.createDirectory(directory.resolve("vault"));
        real = vault.resolve("store.json");
        Path links = Files.createDirectory(directory.resolve("links"));
        link = Files.createSymbolicLink(links.resolve("store.json"), real);
    }

    private Cli.Run mfa(Path store, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--store";
        all[1] = store.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return Cli.runExactly(new Environment(java.util.Map.of(), directory.resolve("home"), Terminal.none()), all);
    }

    private Path configFile() throws Exception {
        return Files.writeString(directory.resolve("fake.json"), FAKE);
    }

    @Test
    void aStoreNamedThroughASymbolicLinkIsWrittenWhereTheLinkLeadsAndTheLinkStays() throws Exception {
        Cli.Run created = mfa(link, "create", "-f", configFile().toString());

        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).contains("\"Fake\"");
        assertThat(mfa(real, "get").out()).contains("\"Fake\"");
        assertThat(real.resolveSibling("store.json.lock")).exists();
        assertThat(link.resolveSibling("store.json.lock")).doesNotExist();
    }

    @Test
    void aLockFilePlantedAsALinkIsNotFollowed() throws Exception {
        Path target = directory.resolve("elsewhere").resolve("created-by-mfa");
        Files.createDirectories(target.getParent());
        Files.createSymbolicLink(real.resolveSibling("store.json.lock"), target);

        Cli.Run created = mfa(real, "create", "-f", configFile().toString());

        assertThat(created.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(created.err()).contains("store.json.lock").contains("symbolic link").hasLineCount(1);
        assertThat(target).doesNotExist();
        assertThat(real).doesNotExist();
    }

    @Test
    void aLockedOutPrincipalStaysLockedOutThroughALinkOrAnotherPathToTheStore() throws Exception {
        assertThat(mfa(real, "create", "-f", configFile().toString()).exitCode()).isZero();
        assertThat(mfa(real, "assign-principal", "-p", "principal/internal/user/bob", "-m", "bob", "-c", "Fake").exitCode()).isZero();
        for (int i = 0; i < 5; i++) {
            assertThat(mfa(real, "login", "-u", "bob", "-m", "1000" + i).exitCode()).isEqualTo(ExitCodes.DENIED);
        }

        Path dotted = directory.resolve("vault").resolve("..").resolve("vault").resolve("store.json");
        for (Path alias : List.of(link, dotted)) {
            Cli.Run run = mfa(alias, "login", "-u", "bob", "-m", "77552");
            assertThat(run.out()).as(alias.toString()).startsWith("Denied: too many failed attempts");
        }
        assertThat(link.resolveSibling("store.json.attempts")).doesNotExist();
    }

    @Test
    void temporaryFilesACrashedWriterLeftAreRemovedAtTheNextRun() throws Exception {
        assertThat(mfa(real, "create", "-f", configFile().toString()).exitCode()).isZero();
        // What a process killed between writing the temporary file and renaming it leaves behind.
        Path current = real.resolveSibling("store.json.8817236123.mfa4j-tmp");
        Path older = real.resolveSibling("store.json.4711.tmp");
        Path attempts = real.resolveSibling("store.json.attempts.99.mfa4j-tmp");
        Path notOurs = real.resolveSibling("store.json.notes.tmp");
        for (Path leftover : List.of(current, older, attempts, notOurs)) {
            Files.writeString(leftover, FAKE.replace("77552", "SECRET"));
        }

        Cli.Run get = mfa(real, "get");

        assertThat(get.exitCode()).isZero();
        assertThat(current).doesNotExist();
        assertThat(older).doesNotExist();
        assertThat(notOurs).as("not a temporary file of ours").exists();
        assertThat(mfa(real, "login", "-u", "nobody", "-m", "12345").exitCode()).isEqualTo(ExitCodes.DENIED);
        assertThat(attempts).doesNotExist();
    }

    @Test
    void directoriesTheStoreCreatesAreTheOwnersOnly() throws Exception {
        assumeThat(real.getFileSystem().supportedFileAttributeViews()).contains("posix");
        Path nested = directory.resolve("new").resolve("deeper").resolve("store.json");

        assertThat(mfa(nested, "create", "-f", configFile().toString()).exitCode()).isZero();

        for (Path created : List.of(nested.getParent(), nested.getParent().getParent())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(created))).as(created.toString()).isEqualTo("rwx------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested))).isEqualTo("rw-------");
    }

    @Test
    void aLockHeldByAnotherProcessStallsNobodyForLongerThanTheWait() throws Exception {
        assertThat(mfa(real, "create", "-f", configFile().toString()).exitCode()).isZero();
        assertThat(mfa(real, "assign-principal", "-p", "principal/internal/user/bob", "-m", "bob", "-c", "Fake").exitCode()).isZero();
        Path holder = Path.of(getClass().getResource("/LockHolder.java").toURI());
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), holder.toString(),
                real.resolveSibling("store.json.attempts.lock").toString()).redirectErrorStream(true).start();
        try (BufferedReader said = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(said.readLine()).isEqualTo("locked");

            // A real wait: another process holds a real OS lock for as long as this test says.
            Cli.Run login = mfa(real, "--lock-wait", "300ms", "login", "-u", "bob", "-m", "77552");

            assertThat(login.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(login.out()).isEqualTo("Denied: the MFA store is unavailable (the attempt store failed).\n");
            Cli.Run create = mfa(real, "--lock-wait", "0s", "create", "-f", configFile().toString());
            assertThat(create.exitCode()).as("the store's own lock is free: only the attempt file is held")
                    .isEqualTo(ExitCodes.BAD_INPUT);
        } finally {
            other.getOutputStream().close();
            assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(mfa(real, "login", "-u", "bob", "-m", "77552").exitCode()).as("once the lock is free").isEqualTo(ExitCodes.OK);
    }

    @Test
    void aStoreLockHeldTooLongIsUnavailableForManagementToo() throws Exception {
        Path holder = Path.of(getClass().getResource("/LockHolder.java").toURI());
        Files.createDirectories(real.getParent());
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), holder.toString(),
                real.resolveSibling("store.json.lock").toString()).redirectErrorStream(true).start();
        try (BufferedReader said = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(said.readLine()).isEqualTo("locked");

            Cli.Run create = mfa(real, "--lock-wait", "200ms", "create", "-f", configFile().toString());

            assertThat(create.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(create.err()).contains("locked by another process").contains("gave up after 200 ms").hasLineCount(1);
        } finally {
            other.getOutputStream().close();
            assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void endlessInputIsCutAtTheCapWithAClearLine() {
        assumeThat(Path.of("/dev/zero")).exists();

        Cli.Run created = mfa(real, "create", "-f", "/dev/zero");

        assertThat(created.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(created.err()).isEqualTo("mfa create: /dev/zero: is larger than 65536 bytes, the most a configuration file may have\n");
    }

    @Test
    void numbersThatDoNotFitOrAreStringsAreRefusedWithThePathAndTheField() throws Exception {
        Files.createDirectories(real.getParent());
        for (String revision : new String[] {"99999999999999999999999", "\"5\"", "1.5", "0"}) {
            Files.writeString(real, "{\"Format\": \"mfa4j-store/1\", \"Configurations\": [{\"Type\": \"fake\", \"Name\": \"Fake\", "
                    + "\"Options\": {\"Passcode\": \"77552\"}, \"Revision\": " + revision + "}]}");

            Cli.Run get = mfa(real, "get");

            assertThat(get.exitCode()).as(revision).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(get.err()).as(revision).contains(real.toString()).contains("Configurations[0].Revision is not a whole number");
        }
        try (Stream<Path> left = Files.list(real.getParent())) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("store.json");
        }
    }
}
