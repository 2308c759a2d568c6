package dev.mfa4j.testkit.duo.internal;

import dev.mfa4j.testkit.duo.Fault;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Optional;

/**
 * Injected faults in the order given, each answering its next {@code times} matching requests.
 * Thread-safe.
 */
public final class FaultPlan {

    private static final class Entry {
        final String path;
        final Fault fault;
        int remaining;

        Entry(String path, Fault fault) {
            this.path = path;
            this.fault = fault;
            this.remaining = fault.times();
        }
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();

    /** Queues {@code fault} for requests to {@code path}, or to any path when it is null. */
    public synchronized void add(String path, Fault fault) {
        entries.addLast(new Entry(path, fault));
    }

    /** Removes every queued fault. */
    public synchronized void clear() {
        entries.clear();
    }

    /** The fault that answers a request to {@code path}, using up one of its times. */
    public synchronized Optional<Fault> next(String path) {
        for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
            Entry entry = it.next();
            if (entry.path == null || entry.path.equals(path)) {
                if (--entry.remaining == 0) {
                    it.remove();
                }
                return Optional.of(entry.fault);
            }
        }
        return Optional.empty();
    }
}
