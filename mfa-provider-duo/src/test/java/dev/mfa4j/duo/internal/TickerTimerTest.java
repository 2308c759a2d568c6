package dev.mfa4j.duo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mfa4j.testkit.ManualTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The timer of every wait, on a ticker the test advances: nothing ends before its reading, and
 * everything due ends at the next sweep, which the tests run themselves (or, in the last tests,
 * leave to the shared thread).
 */
class TickerTimerTest {

    private final ManualTicker ticker = new ManualTicker();
    private final ExecutorService executor = Fixtures.executor();
    private final TickerTimer timer = new TickerTimer(ticker, executor);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** Advances the ticker and sweeps; what was due has been handed to the executor when this returns. */
    private void pass(Duration time) {
        ticker.advance(time);
        timer.sweep();
    }

    @Test
    void passesOnAnAnswerOrAFailureThatComesInTime() {
        CompletableFuture<String> source = new CompletableFuture<>();
        CompletableFuture<String> bounded = timer.bound(source, timer.deadlineIn(Duration.ofMinutes(1)));
        source.complete("answer");
        assertThat(bounded).isCompletedWithValue("answer");

        CompletableFuture<String> failing = new CompletableFuture<>();
        CompletableFuture<String> boundedFailure = timer.bound(failing, timer.deadlineIn(Duration.ofMinutes(1)));
        failing.completeExceptionally(new IllegalStateException("boom"));
        assertThat(boundedFailure).failsWithin(Duration.ofSeconds(30)).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(IllegalStateException.class);
        assertThat(timer.pending()).isZero();
    }

    @Test
    void anAnswerAlreadyThereIsPassedOnWithoutWatching() {
        CompletableFuture<String> bounded = timer.bound(CompletableFuture.completedFuture("now"), timer.now());

        assertThat(bounded).isCompletedWithValue("now");
        assertThat(timer.pending()).isZero();
        assertThat(timer.sweeping()).isFalse();
    }

    @Test
    void endsWhatDoesNotAnswerAtItsDeadlineNeverBeforeAndLeavesTheSourceAlone() {
        CompletableFuture<String> source = new CompletableFuture<>();
        CompletableFuture<String> bounded = timer.bound(source, timer.deadlineIn(Duration.ofSeconds(10)));

        pass(Duration.ofSeconds(10).minusNanos(1));
        assertThat(bounded).as("one nanosecond before the deadline").isNotDone();

        pass(Duration.ofNanos(1));
        assertThat(bounded).failsWithin(Duration.ofSeconds(30)).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(TimeoutException.class);
        assertThat(source).isNotDone();
        source.complete("too late");
        assertThat(bounded).isCompletedExceptionally();
        assertThat(timer.pending()).isZero();
    }

    @Test
    void aPauseEndsWhenTheTickerReachesItAndAtOnceIfItAlreadyHas() {
        assertThat(timer.after(Duration.ZERO)).as("no wait").isDone();
        assertThat(timer.at(timer.now() - 1)).as("a reading already passed").isDone();
        assertThat(timer.pending()).isZero();

        CompletableFuture<Void> pause = timer.after(Duration.ofSeconds(1));
        assertThat(timer.pauses()).isEqualTo(1);
        pass(Duration.ofMillis(999));
        assertThat(pause).isNotDone();
        assertThat(timer.pauses()).isEqualTo(1);

        pass(Duration.ofMillis(1));
        assertThat(pause).succeedsWithin(Duration.ofSeconds(30));
        assertThat(timer.pauses()).isZero();
    }

    @Test
    void whatIsDueRunsOnTheExecutorNeverOnTheSweepingThread() {
        AtomicReference<String> thread = new AtomicReference<>();
        CompletableFuture<Void> pause = timer.after(Duration.ofSeconds(1));
        CompletableFuture<Void> seen = pause.thenRun(() -> thread.set(Thread.currentThread().getName()));

        pass(Duration.ofSeconds(1));

        assertThat(seen).succeedsWithin(Duration.ofSeconds(30));
        assertThat(thread.get()).isEqualTo("duo-test-callback");
    }

    @Test
    void completeAtGivesTheValueAtTheDeadlineUnlessTheFutureEndedFirst() {
        CompletableFuture<Boolean> impatient = new CompletableFuture<>();
        CompletableFuture<Boolean> served = new CompletableFuture<>();
        timer.completeAt(impatient, false, timer.deadlineIn(Duration.ofSeconds(2)));
        timer.completeAt(served, false, timer.deadlineIn(Duration.ofSeconds(2)));

        served.complete(true);
        assertThat(timer.pending()).as("the served one is forgotten at once").isEqualTo(1);
        pass(Duration.ofSeconds(2));

        assertThat(impatient).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(false);
        assertThat(served).isCompletedWithValue(true);
        assertThat(timer.pending()).isZero();
    }

    @Test
    void deadlinesAcrossTheTickersWrapAroundStillWork() {
        // Readings are compared by difference, as System.nanoTime's must be.
        ManualTicker nearTheEnd = new ManualTicker();
        nearTheEnd.advance(Duration.ofNanos(Long.MAX_VALUE - nearTheEnd.read() - 5));
        TickerTimer wrapping = new TickerTimer(nearTheEnd, executor);
        CompletableFuture<Void> pause = wrapping.after(Duration.ofSeconds(1));

        nearTheEnd.advance(Duration.ofMillis(999));
        wrapping.sweep();
        assertThat(pause).isNotDone();
        nearTheEnd.advance(Duration.ofMillis(1));
        wrapping.sweep();
        assertThat(pause).succeedsWithin(Duration.ofSeconds(30));
    }

    @Test
    void theSharedThreadSweepsWhileAnythingIsPendingThenStopsAndStartsAgain() {
        for (int round = 0; round < 2; round++) {
            List<CompletableFuture<Integer>> answered = new ArrayList<>();
            List<CompletableFuture<Integer>> expired = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                CompletableFuture<Integer> source = new CompletableFuture<>();
                if (i % 2 == 0) {
                    answered.add(timer.bound(source, timer.deadlineIn(Duration.ofMinutes(1))));
                    source.complete(i);
                } else {
                    expired.add(timer.bound(source, timer.deadlineIn(Duration.ofSeconds(1))));
                }
            }
            // Nothing is due: the shared thread sweeps and ends nothing, however often it runs.
            assertThat(timer.sweeping()).isTrue();
            assertThat(timer.pending()).isEqualTo(100);

            ticker.advance(Duration.ofSeconds(1));

            // No sweep by the test: the shared thread's next tick ends them.
            assertThat(CompletableFuture.allOf(expired.stream().map(f -> f.exceptionally(e -> -1)).toArray(CompletableFuture[]::new)))
                    .succeedsWithin(Duration.ofSeconds(30));
            assertThat(answered).allSatisfy(f -> assertThat(f).isCompleted().isNotCompletedExceptionally());
            assertThat(expired).hasSize(100).allSatisfy(f -> assertThat(f).isCompletedExceptionally());
            assertThat(timer.pending()).isZero();
            await().atMost(Duration.ofSeconds(30)).until(() -> !timer.sweeping());
        }
    }

    @Test
    void refusesATickBelowOneMillisecond() {
        assertThatThrownBy(() -> new TickerTimer(ticker, executor, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tickMillis");
    }
}
