package dev.mfa4j.totp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A test clock in UTC that stands still until a test moves it. */
public final class MutableClock extends Clock {

    private volatile Instant now;

    /** @param start the time it shows until moved */
    public MutableClock(Instant start) {
        this.now = start;
    }

    /** @param by how far to move it, either way */
    public void advance(Duration by) {
        now = now.plus(by);
    }

    /** @param time the time it shows from now on */
    public void set(Instant time) {
        now = time;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a UTC test clock");
    }

    @Override
    public String toString() {
        return "MutableClock[" + now + "]";
    }
}
