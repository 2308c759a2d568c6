package dev.mfa4j.testkit.duo.internal;

import dev.mfa4j.testkit.duo.RecordedDuoRequest;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests in arrival order for {@code takeRequest}, with counts that never drop. When more than
 * {@code capacity} requests are waiting to be taken, the oldest is dropped, so a long-running
 * standalone simulator does not grow without bound. Thread-safe.
 */
public final class RequestLog {

    private final int capacity;
    private final LinkedBlockingDeque<RecordedDuoRequest> queue = new LinkedBlockingDeque<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final ConcurrentHashMap<String, LongAdder> perPath = new ConcurrentHashMap<>();

    /** @param capacity how many untaken requests are kept; at least 0 */
    public RequestLog(int capacity) {
        this.capacity = capacity;
    }

    /** The next sequence number; called once per request received. */
    public int nextSequenceNumber() {
        return sequence.getAndIncrement();
    }

    /** Records one request. */
    public void add(RecordedDuoRequest request) {
        perPath.computeIfAbsent(request.path(), p -> new LongAdder()).increment();
        if (capacity == 0) {
            return;
        }
        queue.addLast(request);
        while (queue.size() > capacity) {
            queue.pollFirst();
        }
    }

    /** The oldest untaken request, waiting up to {@code timeout}; null if none came. */
    public RecordedDuoRequest take(Duration timeout) throws InterruptedException {
        return queue.pollFirst(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** All requests received so far. */
    public int count() {
        return sequence.get();
    }

    /** Requests received so far for {@code path}. */
    public int count(String path) {
        LongAdder adder = perPath.get(path);
        return adder == null ? 0 : adder.intValue();
    }
}
