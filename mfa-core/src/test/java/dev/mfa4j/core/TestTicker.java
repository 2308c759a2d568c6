package dev.mfa4j.core;

import dev.mfa4j.api.spi.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A ticker a test moves by hand (mfa-core's tests cannot use the testkit's, which depends on mfa-core). */
public final class TestTicker implements Ticker {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    /** A ticker at an arbitrary start. */
    public TestTicker() {
    }

    /** @param duration how far to move; not negative */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a ticker never goes back");
        }
        nanos.addAndGet(duration.toNanos());
    }

    @Override
    public long read() {
        return nanos.get();
    }
}
