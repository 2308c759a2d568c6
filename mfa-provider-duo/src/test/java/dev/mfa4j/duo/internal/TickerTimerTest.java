package dev.mfa4j.duo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ExchangeDeadlinesTest {

    private final ExchangeDeadlines deadlines = new ExchangeDeadlines();

    @Test
    void passesOnAnAnswerOrAFailureThatComesInTime() throws Exception {
        CompletableFuture<String> source = new CompletableFuture<>();
        CompletableFuture<String> bounded = deadlines.bound(source, Duration.ofMinutes(1));
        source.complete("answer");
        assertThat(bounded.get(5, TimeUnit.SECONDS)).isEqualTo("answer");

        CompletableFuture<String> failing = new CompletableFuture<>();
        CompletableFuture<String> boundedFailure = deadlines.bound(failing, Duration.ofMinutes(1));
        failing.completeExceptionally(new IllegalStateException("boom"));
        assertThatThrownBy(() -> boundedFailure.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(deadlines.pending()).isZero();
    }

    @Test
    void anAnswerAlreadyThereIsPassedOnWithoutWatching() {
        CompletableFuture<String> bounded = deadlines.bound(CompletableFuture.completedFuture("now"), Duration.ofMillis(1));

        assertThat(bounded).isCompletedWithValue("now");
        assertThat(deadlines.pending()).isZero();
        assertThat(deadlines.sweeping()).isFalse();
    }

    @Test
    void endsWhatDoesNotAnswerWithATimeoutNoEarlierThanTheLimitAndLeavesTheSourceAlone() {
        CompletableFuture<String> source = new CompletableFuture<>();
        long started = System.nanoTime();
        CompletableFuture<String> bounded = deadlines.bound(source, Duration.ofMillis(150));

        assertThatThrownBy(() -> bounded.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TimeoutException.class);
        // Never early: the sweep only ends what has passed its limit.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(source).isNotDone();
        source.complete("too late");
        assertThat(bounded).isCompletedExceptionally();
    }

    @Test
    void manyLimitsEndIndependentlyAndTheSweeperStopsWhenIdleAndStartsAgain() throws Exception {
        for (int round = 0; round < 2; round++) {
            List<CompletableFuture<Integer>> answered = new ArrayList<>();
            List<CompletableFuture<Integer>> expired = new ArrayList<>();
            // Watched until the test answers it, so the sweeper cannot go idle before the test
            // has seen it sweeping, however long the test thread is held up after the loop.
            CompletableFuture<Integer> held = new CompletableFuture<>();
            CompletableFuture<Integer> heldBounded = deadlines.bound(held, Duration.ofMinutes(1));
            for (int i = 0; i < 200; i++) {
                CompletableFuture<Integer> source = new CompletableFuture<>();
                if (i % 2 == 0) {
                    answered.add(deadlines.bound(source, Duration.ofMinutes(1)));
                    source.complete(i);
                } else {
                    expired.add(deadlines.bound(source, Duration.ofMillis(50)));
                }
            }
            assertThat(deadlines.sweeping()).isTrue();
            CompletableFuture.allOf(expired.stream().map(f -> f.exceptionally(e -> -1)).toArray(CompletableFuture[]::new))
                    .get(10, TimeUnit.SECONDS);
            held.complete(-1);
            assertThat(heldBounded).isCompletedWithValue(-1);

            assertThat(answered).allSatisfy(f -> assertThat(f).isCompleted().isNotCompletedExceptionally());
            assertThat(expired).hasSize(100).allSatisfy(f -> assertThat(f).isCompletedExceptionally());
            assertThat(deadlines.pending()).isZero();
            // Nothing left to watch: the shared thread stops sweeping for this instance.
            await().atMost(Duration.ofSeconds(10)).until(() -> !deadlines.sweeping());
        }
    }

    @Test
    void refusesATickBelowOneMillisecond() {
        assertThatThrownBy(() -> new ExchangeDeadlines(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tickMillis");
    }
}
