package dev.mfa4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CallerTest {

    @Test
    void theSystemCallerIsNoNamedCaller() {
        Caller namedSystem = Caller.of("system");

        assertThat(Caller.system().isSystem()).isTrue();
        assertThat(namedSystem.isSystem()).isFalse();
        assertThat(namedSystem).isNotEqualTo(Caller.system());
        assertThat(Caller.system()).isNotEqualTo(namedSystem);
        assertThat(Caller.of(Caller.system().name())).isNotEqualTo(Caller.system());
        assertThat(Caller.of(Caller.system().name()).isSystem()).isFalse();
        assertThat(Caller.system()).isEqualTo(Caller.system());
    }

    @Test
    void namedCallersAreEqualByName() {
        assertThat(Caller.of("alice")).isEqualTo(Caller.of("alice")).hasSameHashCodeAs(Caller.of("alice"));
        assertThat(Caller.of("alice")).isNotEqualTo(Caller.of("Alice"));
        assertThat(Caller.of("alice")).hasToString("alice");
    }

    @Test
    void refusesNamesThatCannotBeLoggedSafely() {
        for (String name : new String[] {"", "  ", "a\nb", "x".repeat(Caller.MAX_NAME_LENGTH + 1)}) {
            assertThatThrownBy(() -> Caller.of(name)).as("[" + name + "]").isInstanceOf(InvalidInputException.class);
        }
        assertThatThrownBy(() -> Caller.of(null)).isInstanceOf(NullPointerException.class);
    }
}
