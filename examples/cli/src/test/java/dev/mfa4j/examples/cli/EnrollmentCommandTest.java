package dev.mfa4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mfa enrollment} as a person would use it. */
class EnrollmentCommandTest {

    @TempDir
    Path directory;

    private Cli cli;

    @BeforeEach
    void store() {
        cli = Cli.in(directory);
    }

    private void assign(String json) throws Exception {
        Path config = Files.writeString(directory.resolve("config.json"), json);
        assertThat(cli.run("create", "-f", config.toString()).exitCode()).isZero();
        assertThat(cli.run("assign-principal", "-p", "bob", "-m", "bob", "-c", "Main").exitCode()).isZero();
    }

    @Test
    void aProviderThatDoesNotEnrollUsersItselfIsAClearRefusal() throws Exception {
        assign("{\"Type\": \"fake\", \"Name\": \"Main\", \"Options\": {\"Passcode\": \"77552\"}}");

        Cli.Run begin = cli.run("enroll", "-u", "bob");

        assertThat(begin.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(begin.err()).startsWith("mfa enroll: -u: ").contains("does not enroll");
        assertThat(begin.out()).isEmpty();
        Cli.Run status = cli.run("enrollment", "status", "-u", "bob");
        assertThat(status.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(status.err()).contains("does not enroll");
    }

    @Test
    void aUserWithoutMfaHasNothingToEnroll() {
        Cli.Run status = cli.run("enrollment", "status", "-u", "alice");

        assertThat(status.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(status.err()).contains("has no MFA assignment");
    }

    @Test
    void confirmingWithNothingBegunSaysToBeginFirst() throws Exception {
        assign("{\"Type\": \"totp\", \"Name\": \"Main\", \"Options\": {\"Issuer\": \"ACME\"}}");

        Cli.Run confirm = cli.run("enroll", "-u", "bob", "--confirm", "123456");

        assertThat(confirm.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(confirm.err()).startsWith("mfa enroll: -u: ").contains("no enrollment was begun").contains("begin one first");
        assertThat(cli.run("enroll", "-u", "bob", "--confirm", "123456", "--png", "x.png").err())
                .isEqualTo("mfa enroll: --png: give it when the enrollment begins, not with --confirm\n");
    }

    @Test
    void theGroupAlonePointsToItsCommands() {
        Cli.Run bare = cli.run("enrollment");

        assertThat(bare.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bare.err()).contains("choose one of status, remove");
    }
}
