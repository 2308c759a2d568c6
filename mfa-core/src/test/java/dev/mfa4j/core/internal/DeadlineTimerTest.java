package dev.mfa4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.core.TestTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Deadlines follow the ticker, not the wall: the shared sweeper thread ticks only once an hour
 * here, and each test sweeps by hand after moving its ticker.
 */
class DeadlineTimerTest {

    private final TestTicker ticker = new TestTicker();
    private final DeadlineTimer timer = new DeadlineTimer(ticker, Duration.ofHours(1).toMillis());

    @Test
    void passesOnWhatTheSourceAnswersInTime() {
        CompletableFuture<String> source = new CompletableFuture<>();
        CompletableFuture<String> bounded = timer.bound(source, Duration.ofMinutes(1));

        ticker.advance(Duration.ofSeconds(59));
        timer.sweep();
        source.complete("answer");

        assertThat(bounded).isCompletedWithValue("answer");
        CompletableFuture<String> failing = new CompletableFuture<>();
        CompletableFuture<String> boundedFailure = timer.bound(failing, Duration.ofMinutes(1));
        failing.completeExceptionally(new IllegalStateException("boom"));
        assertThat(boundedFailure).isCompletedExceptionally();
        assertThat(boundedFailure.handle((value, failure) -> failure).join()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void endsWhatDoesNotAnswerWithATimeoutOnceTheTickerPassesItsDeadlineAndLeavesTheSourceAlone() {
        CompletableFuture<String> source = new CompletableFuture<>();
        CompletableFuture<String> bounded = timer.bound(source, Duration.ofMillis(150));

        ticker.advance(Duration.ofMillis(149));
        timer.sweep();
        assertThat(bounded).isNotDone();

        ticker.advance(Duration.ofMillis(1));
        timer.sweep();
        assertThat(bounded).isCompletedExceptionally();
        assertThat(bounded.handle((value, failure) -> failure).join()).isInstanceOf(TimeoutException.class);
        assertThat(source).isNotDone();
        source.complete("too late");
        assertThat(bounded.handle((value, failure) -> failure).join()).isInstanceOf(TimeoutException.class);
    }

    @Test
    void manyDeadlinesEndIndependently() {
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
            ticker.advance(Duration.ofMillis(50));
            timer.sweep();
        }

        assertThat(answered).allSatisfy(f -> assertThat(f).isCompleted().isNotCompletedExceptionally());
        assertThat(expired).hasSize(200).allSatisfy(f -> assertThat(f).isCompletedExceptionally());
        assertThat(expired.get(0).handle((value, failure) -> failure instanceof CompletionException ? failure.getCause() : failure).join())
                .isInstanceOf(TimeoutException.class);
    }

    @Test
    void theSharedSweeperEndsADeadlineTheTickerPassedWithoutAnyoneSweepingByHand() {
        DeadlineTimer ticking = new DeadlineTimer(ticker);
        CompletableFuture<String> bounded = ticking.bound(new CompletableFuture<>(), Duration.ofSeconds(30));

        ticker.advance(Duration.ofSeconds(30));

        // Waits for the sweeper thread's next tick (every 100 ms); the bound only guards a hang.
        assertThat(bounded.handle((value, failure) -> failure).orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join())
                .isInstanceOf(TimeoutException.class);
    }
}
