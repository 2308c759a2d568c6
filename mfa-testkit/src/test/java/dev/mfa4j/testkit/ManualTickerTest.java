package dev.mfa4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ManualTickerTest {

    private final ManualTicker ticker = new ManualTicker();

    @Test
    void standsStillUntilAdvancedThenMovesByExactlyTheAmount() {
        long start = ticker.read();
        assertThat(ticker.read()).isEqualTo(start);

        ticker.advance(Duration.ofMillis(1500));
        ticker.advance(Duration.ZERO);
        ticker.advance(Duration.ofNanos(7));

        assertThat(ticker.read() - start).isEqualTo(1_500_000_007L);
        assertThat(ticker.elapsed()).isEqualTo(Duration.ofMillis(1500).plusNanos(7));
        assertThat(ticker).hasToString("ManualTicker[elapsed=PT1.500000007S]");
    }

    @Test
    void neverGoesBack() {
        long start = ticker.read();

        assertThatThrownBy(() -> ticker.advance(Duration.ofNanos(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("never goes back");
        assertThatThrownBy(() -> ticker.advance(null)).isInstanceOf(NullPointerException.class);
        assertThat(ticker.read()).isEqualTo(start);
    }

    @Test
    void advancesFromManyThreadsAllCount() throws Exception {
        long start = ticker.read();

        Concurrently.run(1000, 8, number -> ticker.advance(Duration.ofMillis(1)));

        assertThat(ticker.read() - start).isEqualTo(Duration.ofSeconds(1).toNanos());
    }
}
