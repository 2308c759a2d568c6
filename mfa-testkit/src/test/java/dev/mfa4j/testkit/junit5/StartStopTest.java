package dev.mfa4j.testkit.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.testkit.duo.DuoSimulator;
import dev.mfa4j.testkit.duo.DuoUser;
import java.io.IOException;
import java.net.Socket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The @StartStop field annotation and parameter injection. */
class StartStopTest {

    @StartStop
    static final DuoSimulator shared = DuoSimulator.builder().user(DuoUser.withSmartphone("alice")).build();

    @StartStop
    final DuoSimulator perTest = DuoSimulator.builder().build();

    // Not annotated: this one is never started.
    final DuoSimulator ignored = DuoSimulator.builder().build();

    static DuoSimulator fromPreviousTest;

    static boolean listening(DuoSimulator simulator) {
        try (Socket socket = new Socket("127.0.0.1", simulator.port())) {
            return socket.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void staticAndInstanceFieldsAreStarted() {
        assertThat(listening(shared)).isTrue();
        assertThat(shared.user("alice")).isPresent();
        assertThat(listening(perTest)).isTrue();
        assertThat(ignored.toString()).contains("NEW");
    }

    @Test
    void anInstanceFieldIsClosedAfterItsTest() {
        if (fromPreviousTest != null) {
            assertThat(listening(fromPreviousTest)).isFalse();
        }
        fromPreviousTest = perTest;
    }

    @Test
    void anotherTestClosesTheOneBefore() {
        anInstanceFieldIsClosedAfterItsTest();
    }

    @Test
    void anAnnotatedParameterIsAFreshDefaultSimulator(@StartStop DuoSimulator fresh) {
        assertThat(fresh).isNotSameAs(shared).isNotSameAs(perTest);
        assertThat(listening(fresh)).isTrue();
        assertThat(fresh.integration().integrationKey()).startsWith("DI").hasSize(20);
    }

    @AfterAll
    static void sharedIsStillRunningUntilTheClassEnds() {
        assertThat(listening(shared)).isTrue();
    }

    @Nested
    class WithOneField {
        @StartStop
        DuoSimulator nullField;

        @Test
        void aNullFieldGetsADefaultSimulator() {
            assertThat(nullField).isNotNull();
            assertThat(listening(nullField)).isTrue();
        }
    }
}
