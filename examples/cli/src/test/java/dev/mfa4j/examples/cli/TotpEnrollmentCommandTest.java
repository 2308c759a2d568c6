package dev.mfa4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.testkit.totp.AuthenticatorApp;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user enrolled in an authenticator app with {@code mfa enroll} and logging in with its codes,
 * as a person would: the key printed goes into the testkit's {@link AuthenticatorApp} (RFC 6238
 * written apart from the provider), and every command runs at a time the test chooses.
 */
class TotpEnrollmentCommandTest {

    private static final Instant ENROLLED_AT = Instant.parse("2026-12-01T10:00:10Z");
    private static final Pattern KEY = Pattern.compile("Or type this key into the app: ([A-Z2-7 ]+)\n");

    @TempDir
    Path directory;

    private Cli cli;

    @BeforeEach
    void assignBobToAnAuthenticatorConfiguration() throws Exception {
        cli = Cli.in(directory);
        Path config = Files.writeString(directory.resolve("config.json"),
                "{\"Type\": \"totp\", \"Name\": \"Authenticator\", \"Options\": {\"Issuer\": \"ACME Co\"}}");
        assertThat(cli.run("create", "-f", config.toString()).exitCode()).isZero();
        assertThat(cli.run("assign-principal", "-p", "bob", "-m", "bob@acme.example", "-c", "Authenticator").exitCode()).isZero();
    }

    private Cli at(Instant instant) {
        return cli.at(Clock.fixed(instant, ZoneOffset.UTC));
    }

    @Test
    void beginConfirmAndLogInWithTheAppsCodesEachOnce() throws Exception {
        assertThat(at(ENROLLED_AT).run("enrollment", "status", "-u", "bob").out()).contains("not enrolled");
        assertThat(at(ENROLLED_AT).run("login", "-u", "bob", "-m", "123456").exitCode()).isEqualTo(ExitCodes.DENIED);

        Path png = directory.resolve("qr.png");
        Cli.Run begin = at(ENROLLED_AT).run("enroll", "-u", "bob", "--png", png.toString());

        assertThat(begin.exitCode()).isZero();
        assertThat(begin.out()).startsWith("Scan this QR code with your authenticator app").contains("\u2580")
                .contains("The same as a URI: otpauth://totp/ACME%20Co:bob@acme.example?")
                .endsWith("Then confirm with the code the app shows: mfa enroll -u bob --confirm CODE\n");
        Matcher key = KEY.matcher(begin.out());
        assertThat(key.find()).isTrue();
        AuthenticatorApp app = AuthenticatorApp.typed(key.group(1));
                assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(png))).isEqualTo("rw-------");
        assertThat(at(ENROLLED_AT).run("enrollment", "status", "-u", "bob").out()).contains("begun, not yet confirmed");

        String wrong = String.format(Locale.ROOT, "%06d", (Integer.parseInt(app.codeAt(ENROLLED_AT)) + 1) % 1_000_000);
        Cli.Run refused = at(ENROLLED_AT).run("enroll", "-u", "bob", "--confirm", wrong);
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.DENIED);
        assertThat(refused.err()).startsWith("Not confirmed: ").contains("still pending");

        Cli.Run confirmed = at(ENROLLED_AT).run("enroll", "-u", "bob", "--confirm", app.codeAt(ENROLLED_AT));
        assertThat(confirmed.exitCode()).isZero();
        assertThat(confirmed.out()).isEqualTo("Enrolled principal/internal/user/bob with MFA configuration 'Authenticator'.\n");
        assertThat(at(ENROLLED_AT).run("enrollment", "status", "-u", "bob").out()).contains("enrolled (since ");

        Instant later = ENROLLED_AT.plusSeconds(120);
        String now = app.codeAt(later);
        Cli.Run login = at(later).run("login", "-u", "bob", "-m", now);
        assertThat(login.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(login.out()).isEqualTo("Approved.\n");
        Cli.Run replayed = at(later.plusSeconds(5)).run("login", "-u", "bob", "-m", now);
        assertThat(replayed.exitCode()).isEqualTo(ExitCodes.DENIED);
        Cli.Run stale = at(later).run("login", "-u", "bob", "-m", app.codeAt(ENROLLED_AT));
        assertThat(stale.exitCode()).isEqualTo(ExitCodes.DENIED);
        assertThat(stale.out()).isEqualTo("Denied: wrong passcode.\n");

        // The command line seals nothing: the secret is kept in a file only its owner can read.
        Path enrollments = cli.store().resolveSibling("store.json.enrollments");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(enrollments))).isEqualTo("rw-------");
        assertThat(begin.err()).isEmpty();
        assertThat(login.err() + replayed.err() + stale.err()).doesNotContain(now).doesNotContain(key.group(1));
    }

    @Test
    void removingTheEnrollmentRefusesTheAppsCodes() throws Exception {
        Matcher key = KEY.matcher(at(ENROLLED_AT).run("enroll", "-u", "bob").out());
        assertThat(key.find()).isTrue();
        AuthenticatorApp app = AuthenticatorApp.typed(key.group(1));
        assertThat(at(ENROLLED_AT).run("enroll", "-u", "bob", "--confirm", app.codeAt(ENROLLED_AT)).exitCode()).isZero();

        Cli.Run removed = at(ENROLLED_AT).run("enrollment", "remove", "-u", "bob");

        assertThat(removed.out()).isEqualTo("Removed the enrollment of principal/internal/user/bob.\n");
        Instant later = ENROLLED_AT.plusSeconds(60);
        assertThat(at(later).run("login", "-u", "bob", "-m", app.codeAt(later)).exitCode()).isEqualTo(ExitCodes.DENIED);
        assertThat(at(later).run("enrollment", "status", "-u", "bob").out()).contains("not enrolled");
    }

    @Test
    void atATerminalTheCodeIsAskedForRightAfterTheQrCode() throws Exception {
        // The user reads the key from the screen into the app and types the code it shows.
        Cli.Run run = at(ENROLLED_AT).atTerminal(shown -> {
            Matcher key = KEY.matcher(shown);
            return key.find() ? AuthenticatorApp.typed(key.group(1)).codeAt(ENROLLED_AT) : "";
        }).run("enroll", "-u", "bob");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Or type this key into the app: ")
                .endsWith("Enrolled principal/internal/user/bob with MFA configuration 'Authenticator'.\n")
                .doesNotContain("--confirm");
        assertThat(at(ENROLLED_AT).run("enrollment", "status", "-u", "bob").out()).contains("enrolled (since ");
    }

    @Test
    void atATerminalAWrongCodeLeavesTheEnrollmentPendingWithExitCodeOne() {
        Cli.Run run = at(ENROLLED_AT).atTerminal("000000").run("enroll", "-u", "bob");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.DENIED);
        assertThat(run.err()).startsWith("Not confirmed: ").endsWith("try again: mfa enroll -u bob --confirm CODE\n");
        assertThat(at(ENROLLED_AT).run("enrollment", "status", "-u", "bob").out()).contains("begun, not yet confirmed");
    }
}
