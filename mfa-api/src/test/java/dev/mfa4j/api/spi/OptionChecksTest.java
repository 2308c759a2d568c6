package dev.mfa4j.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OptionChecksTest {

    @Test
    void matchingSaysWhatWasExpectedWithoutTheValue() {
        OptionCheck ikey = OptionCheck.matching(Pattern.compile("DI[0-9A-Z]{18}"), "DI followed by 18 upper-case letters or digits");

        assertThat(ikey.problem("DIWJ8X6AEYOR5OMC6TQ1")).isEmpty();
        assertThat(ikey.problem("secret-looking-value")).contains("expected DI followed by 18 upper-case letters or digits");
    }

    @Test
    void oneOfIgnoresCase() {
        OptionCheck check = OptionCheck.oneOf("user_id", "username");

        assertThat(check.problem("USERNAME")).isEmpty();
        assertThat(check.problem("email")).contains("expected one of: user_id, username");
    }

    @Test
    void durationsAcceptShortAndIsoForms() {
        OptionCheck check = OptionCheck.durationBetween(Duration.ofSeconds(1), Duration.ofMinutes(5));

        assertThat(check.problem("10s")).isEmpty();
        assertThat(check.problem("1500ms")).isEmpty();
        assertThat(check.problem("PT2M")).isEmpty();
        assertThat(check.problem("2m")).isEmpty();
        assertThat(check.problem("10m")).contains("expected a duration from 1s to 5m, such as 10s, 1500ms or 2m");
        assertThat(check.problem("-5s")).isPresent();
        assertThat(check.problem("soon")).isPresent();
        assertThat(OptionValues.parseDuration("75s")).contains(Duration.ofSeconds(75));
        assertThat(OptionValues.format(Duration.ofMillis(75_000))).isEqualTo("75s");
        assertThat(OptionValues.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }

    @Test
    void integersAndFlags() {
        assertThat(OptionCheck.integerBetween(2, 5).problem("5")).isEmpty();
        assertThat(OptionCheck.integerBetween(2, 5).problem("6")).contains("expected a whole number from 2 to 5");
        assertThat(OptionCheck.integerBetween(2, 5).problem("x")).isPresent();
        assertThat(OptionCheck.onOff().problem("ON")).isEmpty();
        assertThat(OptionCheck.onOff().problem("yes")).contains("expected on or off");
        assertThat(OptionValues.parseOnOff("False")).contains(false);
    }

    @Test
    void andReportsTheFirstProblem() {
        OptionCheck both = OptionCheck.notBlank().and(OptionCheck.oneOf("a"));

        assertThat(both.problem(" ")).contains("must not be blank");
        assertThat(both.problem("b")).contains("expected one of: a");
        assertThat(both.problem("a")).isEmpty();
    }

    @Test
    void specsRefuseADefaultOnARequiredOption() {
        assertThatThrownBy(() -> OptionSpec.builder("Host").required().defaultValue("x").build())
                .isInstanceOf(IllegalArgumentException.class);
        OptionSpec spec = OptionSpec.builder("SecretKey").required().secret().description("the skey").build();
        assertThat(spec.secret()).isTrue();
        assertThat(spec.defaultValue()).isEmpty();
    }
}
