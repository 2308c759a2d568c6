package dev.mfa4j.api;

import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the request ids of contexts built without one: 128 bits in a UUID's form, a random half
 * chosen once per process and a counter mixed with another, so that no two in this process are
 * equal and two processes are unlikely to share any. They correlate logs and events and are no
 * secret, so no {@code SecureRandom} is asked for each one: that call was a measurable part of
 * every verification, and contended between threads.
 */
final class RequestIds {

    private static final long PROCESS_HIGH;
    private static final long PROCESS_LOW;
    private static final AtomicLong COUNTER = new AtomicLong();

    static {
        SplittableRandom random = new SplittableRandom();
        PROCESS_HIGH = random.nextLong();
        PROCESS_LOW = random.nextLong();
    }

    private RequestIds() {
    }

    /** @return a request id not returned before in this process */
    static String next() {
        // XOR with a constant is one-to-one, so distinct counts give distinct ids.
        return new UUID(PROCESS_HIGH, PROCESS_LOW ^ COUNTER.incrementAndGet()).toString();
    }
}
