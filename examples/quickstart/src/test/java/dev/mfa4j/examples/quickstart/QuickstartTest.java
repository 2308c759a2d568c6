package dev.mfa4j.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuickstartTest {

    @Test
    void theDemoShowsTheConfigurationRedactedAndThreeLogins() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            Quickstart.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);

        assertThat(printed)
                .contains("\"Passcode\": \"********\"")
                .doesNotContain("77552\"")
                .contains("login -u bob -m 77552  -> allowed (APPROVED")
                .contains("login -u bob -m 11111  -> denied (INVALID_PASSCODE")
                .contains("login -u bob -m push   -> allowed (APPROVED");
    }
}
