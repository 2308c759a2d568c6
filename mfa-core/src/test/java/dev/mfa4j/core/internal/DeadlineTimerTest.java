package dev.mfa4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class DeadlineTimerTest {

    private final DeadlineTimer timer = new DeadlineTimer();

    @Test
    void passesOnWhatTheSourceAnswersInTime() throws Exception {
        CompletableFuture<String> source = new CompletableFuture<>();
        CompletableFuture<String> bounded = timer.bound(source, Duration.ofMinutes(1));

        source.complete("answer");

        assertThat(bounded.get(5, TimeUnit.SECONDS)).isEqualTo("answer");
        CompletableFuture<String> failing = new CompletableFuture<>();
        CompletableFuture<String> boundedFailure = timer.bound(failing, Duration.ofMinutes(1));
        failing.completeExceptionally(new IllegalStateException("boom"));
        assertThatThrownBy(() -> boundedFailure.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void endsWhatDoesNotAnswerWithATimeoutAndLeavesTheSourceAlone() {
        CompletableFuture<String> source = new CompletableFuture<>();
        CompletableFuture<String> bounded = timer.bound(source, Duration.ofMillis(150));

        assertThatThrownBy(() -> bounded.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TimeoutException.class);
        assertThat(source).isNotDone();
        source.complete("too late");
        assertThat(bounded).isCompletedExceptionally();
    }

    @Test
    void manyDeadlinesEndIndependentlyAndTheTimerStartsAgainAfterGoingIdle() throws Exception {
        List<CompletableFuture<Integer>> answered = new ArrayList<>();
        List<CompletableFuture<Integer>> expired = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 200; i++) {
                CompletableFuture<Integer> source = new CompletableFuture<>();
                if (i % 2 == 0) {
                    answered.add(timer.bound(source, Duration.ofMinutes(1)));
                    source.complete(i);
                } else {
                    expired.add(timer.bound(source, Duration.ofMillis(50)));
                }
            }
            // Let everything expire, so the sweeper goes idle before the second round.
            CompletableFuture.allOf(expired.stream().map(f -> f.exceptionally(e -> -1)).toArray(CompletableFuture[]::new))
                    .get(10, TimeUnit.SECONDS);
        }

        assertThat(answered).allSatisfy(f -> assertThat(f).isCompleted().isNotCompletedExceptionally());
        assertThat(expired).hasSize(200).allSatisfy(f -> assertThat(f).isCompletedExceptionally());
    }
}
