package dev.mfa4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.testkit.duo.DuoSimulator;
import dev.mfa4j.testkit.duo.DuoUser;
import dev.mfa4j.testkit.duo.Fault;
import dev.mfa4j.testkit.duo.PushBehaviour;
import dev.mfa4j.testkit.duo.PushNotification;
import dev.mfa4j.testkit.junit5.StartStop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mfa login} against the testkit's Duo simulator, configured the way a user would:
 * {@code create -f} with the simulator's host, keys and certificate, then {@code assign-principal}.
 */
class LoginCommandTest {

    @StartStop
    static final DuoSimulator duo = DuoSimulator.builder()
            .user(DuoUser.builder("bob").smartphone().passcodes("100001", "100002", "100003", "100004").build())
            .user(DuoUser.builder("vera").smartphone().verifiedPush(true).build())
            .build();

    @TempDir
    Path directory;

    private Cli cli;

    @BeforeEach
    void configureDuoAndAssignBobAndVera() {
        cli = Cli.in(directory);
        Path config = ConfigFiles.write(directory, "duo.json", ConfigFiles.duo("MyDuoConfig", duo, true));
        assertThat(cli.run("create", "-f", config.toString()).exitCode()).isZero();
        for (String user : new String[] {"bob", "vera"}) {
            String userId = duo.user(user).orElseThrow().userId();
            assertThat(cli.run("assign-principal", "-p", "principal/internal/user/" + user, "-m", userId, "-c", "MyDuoConfig").exitCode())
                    .isZero();
        }
    }

    @Test
    void aGoodPasscodeIsApproved() {
        Cli.Run run = cli.run("login", "-u", "bob", "-m", "100001");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).isEqualTo("Approved.\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aWrongPasscodeIsDenied() {
        Cli.Run run = cli.run("login", "-u", "principal/internal/user/bob", "-m", "999999");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.DENIED);
        assertThat(run.out()).isEqualTo("Denied: wrong passcode.\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aPushApprovedOnThePhone() {
        duo.scriptNextPush("bob", PushBehaviour.approveAfter(Duration.ofMillis(300)));

        Cli.Run run = cli.run("login", "-u", "bob", "-m", "push");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).isEqualTo("Waiting for approval on your device...\nApproved.\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aPushDeniedOnThePhone() {
        duo.scriptNextPush("bob", PushBehaviour.deny());

        Cli.Run run = cli.run("login", "-u", "bob", "-m", "PUSH");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.DENIED);
        assertThat(run.out()).isEqualTo("Waiting for approval on your device...\nDenied on your device.\n");
    }

    @Test
    void aVerifiedPushShowsTheCodeToTypeOnThePhone() throws Exception {
        while (duo.takePush(Duration.ZERO) != null) {
            // earlier tests' pushes, all over
        }
        // The simulator shows the code only in its answer to the command's first poll: the push
        // must still be waiting then. Vera approves once the command polls again (its poll is
        // parked at the simulator), which it does only after printing the code.
        duo.scriptNextPush("vera", PushBehaviour.pending());
        CompletableFuture<Void> vera = CompletableFuture.runAsync(() -> {
            try {
                PushNotification push = duo.takePush(Duration.ofSeconds(30));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (duo.parkedLongPolls() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                duo.approve(push.txid(), push.verificationCode().orElseThrow());
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        Cli.Run run = cli.run("login", "-u", "vera", "-m", "push");

        vera.get(30, TimeUnit.SECONDS);
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).matches("Waiting for approval on your device\\.\\.\\.\n"
                + "Verified Push: enter \\d+ in Duo Mobile to approve\\.\n"
                + "Approved\\.\n");
    }

    @Test
    void atATerminalTheWaitingLineIsRewrittenInPlace() {
        duo.scriptNextPush("bob", PushBehaviour.approveAfter(Duration.ofMillis(300)));

        Cli.Run run = cli.atTerminal("unused").run("login", "-u", "bob", "-m", "push");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).matches("(\rWaiting for approval on your device\\.\\.\\. \\d+s)+\nApproved\\.\n");
    }

    @Test
    void atATerminalAPasscodeLeftOutIsAskedForAndNeverEchoed() {
        Cli.Run run = cli.atTerminal("100003").run("login", "-u", "bob");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).isEqualTo("Approved.\n");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void theLockoutHoldsAcrossRunsAndThenDuoIsNotAsked() {
        for (int i = 0; i < 5; i++) {
            assertThat(cli.run("login", "-u", "bob", "-m", "99999" + i).out()).isEqualTo("Denied: wrong passcode.\n");
        }
        int askedBefore = duo.requestCount("/auth/v2/auth");

        Cli.Run run = cli.run("login", "-u", "bob", "-m", "100002");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.DENIED);
        assertThat(run.out()).isEqualTo("Denied: too many failed attempts; try again later (a lockout lasts 15 minutes).\n");
        assertThat(duo.requestCount("/auth/v2/auth")).isEqualTo(askedBefore);
        assertThat(cli.store().resolveSibling("store.json.attempts")).exists();
    }

    @Test
    void aUserWithoutMfaIsDenied() {
        Cli.Run run = cli.run("login", "-u", "alice", "-m", "123456");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.DENIED);
        assertThat(run.out()).isEqualTo("Denied: principal/internal/user/alice has no MFA configuration.\n");
    }

    @Test
    void anUnavailableProviderExitsWithThree() {
        duo.injectFault("/auth/v2/auth", Fault.serverError(1, 503));
        try {
            Cli.Run run = cli.run("login", "-u", "bob", "-m", "100004");

            assertThat(run.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(run.out()).startsWith("Denied: the MFA provider is unavailable (").endsWith(").\n").hasLineCount(1)
                    .doesNotContain("100004");
        } finally {
            duo.clearFaults();
        }
    }

    @Test
    void aRateLimitedDuoNeverLetsAWrongCodeInEvenWhenTheConfigurationFailsOpen() {
        Path failOpen = ConfigFiles.write(directory, "open.json", ConfigFiles.duo("MyDuoConfig", duo, true)
                .replace("\"VerifiedPush\"", "\"FailMode\": \"open\", \"RetryBudget\": \"0s\", \"VerifiedPush\""));
        assertThat(cli.run("update", "-f", failOpen.toString(), "-n", "MyDuoConfig").exitCode()).isZero();
        duo.injectFault("/auth/v2/auth", Fault.rateLimited(1, Duration.ofSeconds(1)));
        try {
            Cli.Run rateLimited = cli.run("login", "-u", "bob", "-m", "999999");

            assertThat(rateLimited.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(rateLimited.out()).isEqualTo("Denied: the MFA provider is limiting how often it is called; try again in a minute.\n");
            // For contrast, an outage is what fail-open is for.
            duo.injectFault("/auth/v2/auth", Fault.serverError(1, 503));
            Cli.Run outage = cli.run("login", "-u", "bob", "-m", "999999");
            assertThat(outage.exitCode()).isEqualTo(ExitCodes.OK);
            assertThat(outage.out()).startsWith("Approved without a second factor");
        } finally {
            duo.clearFaults();
        }
    }

    @Test
    void aCorruptAttemptFileIsNamedAndLeftAsItIs() throws Exception {
        Path attempts = cli.store().resolveSibling("store.json.attempts");
        Files.writeString(attempts, "garbage");

        Cli.Run run = cli.run("login", "-u", "bob", "-m", "123456");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).isEqualTo("mfa login: the MFA attempt file " + attempts + " is not valid: it is not valid JSON at line 1, "
                + "column 1; it was left as it is (fix or move it away)\n");
        assertThat(Files.readString(attempts)).isEqualTo("garbage");
    }
}
