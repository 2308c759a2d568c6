package dev.mfa4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.VerificationProgress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WaitingLineTest {

    private final StringWriter written = new StringWriter();

    @Test
    void plainOutputSaysEachThingOnceOnALineOfItsOwn() {
        WaitingLine line = new WaitingLine(new PrintWriter(written), false);

        line.onProgress(new VerificationProgress.ChallengeSent("push", "Pushed a login request to your device..."));
        line.onProgress(new VerificationProgress.Waiting(Duration.ofSeconds(1), "pushed"));
        line.onProgress(new VerificationProgress.VerificationCode("708"));
        line.onProgress(new VerificationProgress.Waiting(Duration.ofSeconds(2), "pushed"));
        line.end();

        assertThat(written).hasToString("Waiting for approval on your device...\nVerified Push: enter 708 in Duo Mobile to approve.\n");
        assertThat(line.challengeSent()).isTrue();
    }

    @Test
    void atATerminalTheCodeInterruptsTheLiveLineWhichThenGoesOnAndEndsWithANewline() {
        WaitingLine line = new WaitingLine(new PrintWriter(written), true);

        line.onProgress(new VerificationProgress.ChallengeSent("push", "Pushed"));
        line.onProgress(new VerificationProgress.VerificationCode("708"));
        line.end();
        line.end();

        // The seconds depend on the clock, so only their form is checked.
        assertThat(written.toString()).matches("\rWaiting for approval on your device\\.\\.\\. \\d+s"
                + "\rVerified Push: enter 708 in Duo Mobile to approve\\.\n"
                + "(\rWaiting for approval on your device\\.\\.\\. \\d+s)+\n");
    }

    @Test
    void aCallIsAnsweredOnThePhoneAndNothingIsShownWithoutAChallenge() {
        WaitingLine call = new WaitingLine(new PrintWriter(written), false);
        call.onProgress(new VerificationProgress.ChallengeSent("phone", "Calling"));
        assertThat(written).hasToString("Waiting for you to answer your phone...\n");

        WaitingLine passcode = new WaitingLine(new PrintWriter(new StringWriter()), true);
        passcode.end();
        assertThat(passcode.challengeSent()).isFalse();
    }
}
