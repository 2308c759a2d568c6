package dev.mfa4j.duo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfa4j.testkit.ManualTicker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExchangeGateTest {

    private final ManualTicker ticker = new ManualTicker();
    private final ExecutorService executor = Fixtures.executor();
    private final TickerTimer timer = new TickerTimer(ticker, executor);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private long in(Duration time) {
        return timer.deadlineIn(time);
    }

    @Test
    void callsPastTheCapWaitAndAreAdmittedInOrder() {
        ExchangeGate gate = new ExchangeGate(2, timer);
        assertThat(gate.acquire(in(Duration.ofSeconds(10)))).isCompletedWithValue(true);
        assertThat(gate.acquire(in(Duration.ofSeconds(10)))).isCompletedWithValue(true);
        CompletableFuture<Boolean> third = gate.acquire(in(Duration.ofSeconds(10)));
        CompletableFuture<Boolean> fourth = gate.acquire(in(Duration.ofSeconds(10)));
        assertThat(third).isNotDone();
        assertThat(gate.waiting()).isEqualTo(2);

        gate.release();
        assertThat(third).isCompletedWithValue(true);
        assertThat(fourth).isNotDone();
        assertThat(gate.active()).isEqualTo(2);

        gate.release();
        gate.release();
        gate.release();
        assertThat(fourth).isCompletedWithValue(true);
        assertThat(gate.active()).isZero();
        assertThat(timer.pending()).as("an admitted caller's deadline is forgotten").isZero();
    }

    @Test
    void aCallThatWaitsPastItsDeadlineGivesUpAndItsTurnIsSkipped() {
        ExchangeGate gate = new ExchangeGate(1, timer);
        gate.acquire(in(Duration.ofSeconds(10)));
        CompletableFuture<Boolean> impatient = gate.acquire(in(Duration.ofSeconds(2)));
        CompletableFuture<Boolean> patient = gate.acquire(in(Duration.ofSeconds(10)));

        ticker.advance(Duration.ofMillis(1999));
        timer.sweep();
        assertThat(impatient).isNotDone();
        ticker.advance(Duration.ofMillis(1));
        timer.sweep();
        assertThat(impatient).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(false);
        assertThat(patient).isNotDone();

        gate.release();
        assertThat(patient).isCompletedWithValue(true);
        assertThat(gate.active()).isEqualTo(1);
        gate.release();
        assertThat(gate.active()).isZero();
    }

    @Test
    void theCapIsAtLeastOne() {
        assertThatThrownBy(() -> new ExchangeGate(0, timer)).isInstanceOf(IllegalArgumentException.class);
    }
}
