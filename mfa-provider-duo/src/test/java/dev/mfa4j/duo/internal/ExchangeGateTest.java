package dev.mfa4j.duo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExchangeGateTest {

    @Test
    void callsPastTheCapWaitAndAreAdmittedInOrder() {
        ExchangeGate gate = new ExchangeGate(2);
        assertThat(gate.acquire(Duration.ofSeconds(10))).isCompletedWithValue(true);
        assertThat(gate.acquire(Duration.ofSeconds(10))).isCompletedWithValue(true);
        CompletableFuture<Boolean> third = gate.acquire(Duration.ofSeconds(10));
        CompletableFuture<Boolean> fourth = gate.acquire(Duration.ofSeconds(10));
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
    }

    @Test
    void aCallThatWaitsPastItsLimitGivesUpAndItsTurnIsSkipped() throws Exception {
        ExchangeGate gate = new ExchangeGate(1);
        gate.acquire(Duration.ofSeconds(10));
        CompletableFuture<Boolean> impatient = gate.acquire(Duration.ofMillis(20));
        CompletableFuture<Boolean> patient = gate.acquire(Duration.ofSeconds(10));
        assertThat(impatient.get(5, TimeUnit.SECONDS)).isFalse();

        gate.release();
        assertThat(patient).isCompletedWithValue(true);
        assertThat(gate.active()).isEqualTo(1);
        gate.release();
        assertThat(gate.active()).isZero();
    }

    @Test
    void theCapIsAtLeastOne() {
        assertThatThrownBy(() -> new ExchangeGate(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
