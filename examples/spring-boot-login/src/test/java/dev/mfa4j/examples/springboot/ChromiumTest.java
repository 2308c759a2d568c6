package dev.mfa4j.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The browser tests skip only on a developer's machine without Chromium; in CI they run or fail. */
class ChromiumTest {

    @Test
    void theBrowserTestsRunWhenBothBinariesAreThere() {
        assertThat(Chromium.whenMissing(true, true, null)).isEqualTo(Chromium.Decision.RUN);
        assertThat(Chromium.whenMissing(true, true, "true")).isEqualTo(Chromium.Decision.RUN);
    }

    @Test
    void withoutChromiumTheySkipOutsideCiAndFailInCi() {
        assertThat(Chromium.whenMissing(false, true, null)).isEqualTo(Chromium.Decision.SKIP);
        assertThat(Chromium.whenMissing(true, false, "")).isEqualTo(Chromium.Decision.SKIP);
        assertThat(Chromium.whenMissing(false, false, "true")).isEqualTo(Chromium.Decision.FAIL);
        assertThat(Chromium.whenMissing(true, false, "1")).isEqualTo(Chromium.Decision.FAIL);
    }
}
