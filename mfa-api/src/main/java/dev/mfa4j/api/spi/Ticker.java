package dev.mfa4j.api.spi;

/**
 * A source of elapsed time, in nanoseconds, for deadlines: how long a verification, a push or an
 * HTTP exchange has been running. Only differences between two readings mean anything, as with
 * {@link System#nanoTime()}. Wall-clock time (lockouts, push windows, event times) comes from a
 * {@link java.time.Clock} instead.
 *
 * <p>Production code uses {@link #system()}. Tests give a ticker they advance themselves, such as
 * the testkit's {@code ManualTicker}, so that a deadline passes when the test says, not when a
 * busy machine gets round to it.
 *
 * <p>Implementations are thread safe and never go backwards.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface Ticker {

    /** @return the current reading, in nanoseconds since an arbitrary origin */
    long read();

    /** @return the ticker that reads {@link System#nanoTime()} */
    static Ticker system() {
        return SystemTicker.INSTANCE;
    }
}
