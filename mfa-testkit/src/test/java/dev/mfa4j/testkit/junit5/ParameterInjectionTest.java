package dev.mfa4j.testkit.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.testkit.duo.DuoSimulator;
import dev.mfa4j.testkit.duo.DuoUser;
import org.junit.jupiter.api.Test;

/** A plain DuoSimulator parameter receives the class's one @StartStop field. */
class ParameterInjectionTest {

    @StartStop
    static DuoSimulator duo = DuoSimulator.builder().user(DuoUser.withSmartphone("alice")).build();

    @Test
    void theFieldIsInjected(DuoSimulator injected) {
        assertThat(injected).isSameAs(duo);
        assertThat(injected.port()).isPositive();
    }
}
