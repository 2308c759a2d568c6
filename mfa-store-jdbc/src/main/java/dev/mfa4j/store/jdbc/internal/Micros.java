package dev.mfa4j.store.jdbc.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Times are stored as microseconds since the epoch in {@code BIGINT} columns: exact, the same on
 * every database and driver, and compared with plain integer comparisons inside the atomic
 * statements. Times always come from mfa-core's clock, never the database's.
 */
public final class Micros {

    private Micros() {
    }

    /**
     * @param instant a time
     * @return microseconds since the epoch (a finer part is dropped)
     * @throws ArithmeticException if the time is beyond the year 294,000
     */
    public static long of(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    /**
     * @param micros microseconds since the epoch
     * @return the time
     */
    public static Instant toInstant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
