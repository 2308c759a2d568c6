package dev.mfa4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mfa recovery-codes} and logging in with one, as a person would. Uses the testkit's fake provider. */
class RecoveryCodesCommandTest {

    private static final Pattern CODE = Pattern.compile("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}");

    @TempDir
    Path directory;

    private Cli cli;

    @BeforeEach
    void assignBob() throws Exception {
        cli = Cli.in(directory);
        Path config = Files.writeString(directory.resolve("fake.json"), "{\"Type\": \"fake\", \"Name\": \"Fake\", \"Options\": {\"Passcode\": \"77552\"}}");
        assertThat(cli.run("create", "-f", config.toString()).exitCode()).isZero();
        assertThat(cli.run("assign-principal", "-p", "bob", "-m", "bob", "-c", "Fake").exitCode()).isZero();
    }

    private static List<String> codes(String printed) {
        Matcher m = CODE.matcher(printed);
        List<String> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    @Test
    void generatePrintsTenCodesOnceAndEachLogsInOnce() throws Exception {
        Cli.Run generated = cli.run("recovery-codes", "generate", "-u", "bob");

        assertThat(generated.exitCode()).isZero();
        List<String> codes = codes(generated.out());
        assertThat(codes).hasSize(10).doesNotHaveDuplicates();
        assertThat(generated.out()).startsWith("Recovery codes for principal/internal/user/bob.");

        Cli.Run login = cli.run("login", "-u", "bob", "-m", codes.get(0).toLowerCase(java.util.Locale.ROOT));
        assertThat(login.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(login.out()).isEqualTo("Approved with a recovery code (9 left).\n");
        Cli.Run again = cli.run("login", "-u", "bob", "-m", codes.get(0));
        assertThat(again.exitCode()).isEqualTo(ExitCodes.DENIED);
        assertThat(again.out()).isEqualTo("Denied: wrong passcode.\n");

        assertThat(cli.run("recovery-codes", "status", "-u", "bob").out()).startsWith("principal/internal/user/bob has 9 unused recovery codes");
        String onDisk = Files.readString(cli.store().resolveSibling("store.json.enrollments"));
        codes.forEach(code -> assertThat(onDisk).doesNotContain(code.replace("-", "")));
    }

    @Test
    void aMistypedCodeIsAClearErrorThatNeverEchoesIt() {
        Cli.Run login = cli.run("login", "-u", "bob", "-m", "K7QM-2XH4-PD9W-3FN");

        assertThat(login.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(login.err()).isEqualTo("mfa login: -m: credential: a recovery code has 16 characters (dashes and spaces not counted); "
                + "this one has 15\n");
    }

    @Test
    void removedCodesStopWorkingAndAUserWithoutMfaGetsNone() {
        List<String> codes = codes(cli.run("recovery-codes", "generate", "-u", "bob").out());

        assertThat(cli.run("recovery-codes", "remove", "-u", "bob").out()).isEqualTo("Removed the recovery codes of principal/internal/user/bob.\n");
        assertThat(cli.run("login", "-u", "bob", "-m", codes.get(1)).exitCode()).isEqualTo(ExitCodes.DENIED);
        assertThat(cli.run("recovery-codes", "status", "-u", "bob").out()).isEqualTo("principal/internal/user/bob has no recovery codes.\n");
        Cli.Run alice = cli.run("recovery-codes", "generate", "-u", "alice");
        assertThat(alice.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(alice.err()).contains("has no MFA assignment");
    }
}
