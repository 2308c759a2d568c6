package dev.mfa4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    @TempDir
    Path directory;

    /**
     * Bob answers at once: the simulated phone types the Verified Push code only after the command
     * has shown it, so the order below holds however fast or slow the machine. (The command's own
     * service polls Duo once a second in real time, as {@code mfa login} does.)
     */
    @Test
    void theDemoNeedsNoSetupShowsItsScenesAndExitsZero() {
        // A clock at the start of a TOTP step, so carol's codes are those of known steps.
        Cli.Run run = Cli.in(directory).at(Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC))
                .run("demo", "--phone-delay", "0s");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains("a simulated Duo (the testkit's) runs in this process on https://localhost:")
                .contains("$ mfa create -f duo.json\nCreated configuration 'DemoDuo' (type duo, revision 1).")
                .contains("== 1. A good passcode\n$ mfa login -u bob -m 77552\nApproved.\n  (exit code 0)")
                .contains("== 2. A wrong passcode\n$ mfa login -u bob -m 123456\nDenied: wrong passcode.\n  (exit code 1)")
                .containsPattern("== 3\\. A push, approved on the phone \\(Verified Push.*\n\\$ mfa login -u bob -m push\n"
                        + "Waiting for approval on your device\\.\\.\\.\nVerified Push: enter \\d+ in Duo Mobile to approve\\.\n"
                        + "Approved\\.\n  \\(exit code 0\\)")
                .containsPattern("== 4\\. A push, denied on the phone\n\\$ mfa login -u bob -m push\n"
                        + "Waiting for approval on your device\\.\\.\\.\n(Verified Push: .*\n)?Denied on your device\\.\n  \\(exit code 1\\)")
                .contains("$ mfa login -u bob -m 90210\nDenied: too many failed attempts; try again later (a lockout lasts 15 minutes).\n"
                        + "  (exit code 1)")
                .containsPattern("== 6\\. carol uses an authenticator app.*\n(.*\n){4,8}\\$ mfa enroll -u carol\n"
                        + "Scan this QR code(.*\n)+Or type this key into the app: [A-Z2-7 ]+\n")
                .containsPattern("\\(carol's app now shows (\\d{6})\\)\n\\$ mfa enroll -u carol --confirm \\1\n"
                        + "Enrolled principal/internal/user/carol with MFA configuration 'DemoApp'\\.\n  \\(exit code 0\\)\n"
                        + "\\(half a minute later, her app shows (\\d{6})\\)\n\\$ mfa login -u carol -m \\2\nApproved\\.\n  \\(exit code 0\\)\n"
                        + "\\$ mfa login -u carol -m \\2\nDenied: wrong passcode\\.\n  \\(exit code 1\\)\n")
                .containsPattern("== 7\\. carol's recovery codes.*\n\\$ mfa recovery-codes generate -u carol\n(.*\n){11}  \\(exit code 0\\)\n"
                        + "\\$ mfa login -u carol -m ([0-9A-Z-]{19})\nApproved with a recovery code \\(9 left\\)\\.\n  \\(exit code 0\\)\n"
                        + "\\$ mfa login -u carol -m \\2\nDenied: wrong passcode\\.\n  \\(exit code 1\\)\n")
                .endsWith("Done. The same commands work against a real Duo: see 'mfa --help'.\n");
        assertThat(run.out().split("Denied: wrong passcode\\.", -1)).as("bob: one wrong code, then four up to the lockout; carol: "
                + "a replayed code and a used recovery code").hasSize(8);
        assertThat(Cli.in(directory).store()).as("the user's store is not touched").doesNotExist();
    }

    @Test
    void aPhoneDelayThatIsNoDurationIsRefusedBeforeAnythingStarts() {
        Cli.Run run = Cli.in(directory).run("demo", "--phone-delay", "soon");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("--phone-delay").contains("expected a duration");
        assertThat(run.out()).doesNotContain("simulated Duo");
    }
}
