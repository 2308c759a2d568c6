package dev.mfa4j.testkit;

import dev.mfa4j.api.spi.Ticker;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Ticker} that moves only when the test says: deadlines, push expiry and poll pauses
 * pass when the test calls {@link #advance(Duration)}, never because the machine is busy.
 *
 * <p>Give one instance to everything that measures elapsed time in a test: the service, the
 * provider and the Duo simulator. A deadline registered before an advance that passes it fires at
 * the timer's next check, a few milliseconds of real time later; a test waits for the effect (a
 * result, a request at the simulator) with a generous bound that only guards against a hang.
 *
 * <pre>{@code
 * ManualTicker ticker = new ManualTicker();
 * MfaService mfa = MfaService.builder(ManagementAuthorizer.allowAll())
 *         .ticker(ticker)
 *         .provider(new DuoProvider(ticker, Clock.systemUTC()))
 *         .build();
 * CompletableFuture<VerificationResult> push = mfa.verifyAsync(bob, "push");
 * // ... once the push has reached the simulator:
 * ticker.advance(Duration.ofSeconds(60));          // nobody answered within the push's time to live
 * assertThat(push).succeedsWithin(Duration.ofSeconds(30))
 *         .extracting(VerificationResult::reason).isEqualTo(Reason.TIMED_OUT);
 * }</pre>
 *
 * <p>As with {@link System#nanoTime()}, the first reading is arbitrary and only differences mean
 * anything. Thread safe: any thread may read or advance it; it never goes back.
 *
 * @since 0.1.0
 */
public final class ManualTicker implements Ticker {

    /** An arbitrary origin far from zero, so code that treats a reading as an absolute time shows itself. */
    private static final long ORIGIN = 1L << 40;

    private final AtomicLong nanos = new AtomicLong(ORIGIN);

    /** A ticker at an arbitrary reading, standing still until advanced. */
    public ManualTicker() {
        // The reading starts at ORIGIN.
    }

    /**
     * Moves the ticker forward.
     *
     * @param duration how far; zero is allowed
     * @throws NullPointerException if {@code duration} is null
     * @throws IllegalArgumentException if {@code duration} is negative
     */
    public void advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a ticker never goes back: " + duration);
        }
        nanos.addAndGet(duration.toNanos());
    }

    /** @return the current reading, in nanoseconds */
    @Override
    public long read() {
        return nanos.get();
    }

    /** @return how far this ticker has been advanced in all, for messages */
    public Duration elapsed() {
        return Duration.ofNanos(nanos.get() - ORIGIN);
    }

    @Override
    public String toString() {
        return "ManualTicker[elapsed=" + elapsed() + "]";
    }
}
