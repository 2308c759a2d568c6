package dev.mfa4j.store.jdbc.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.spi.Ticker;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The principals' assignments, each with its configuration as read in the same statement, kept for
 * a bounded time so that a verification need not read them again: the opt-in lookup cache of
 * {@code JdbcMfaConfigurationStore}.
 *
 * <p>What it never keeps: an absence (a principal without an assignment is read every time), a
 * failure, or a read that a write through the same store overlapped. How the last is kept out,
 * without a lock on the read path: every write, once committed, bumps a counter and then removes
 * what it affects. A read takes a {@link Stamp} of both counters before it goes to the database and
 * offers its answer with that stamp; the answer is kept only if no write finished meanwhile
 * (checked atomically with the removal of that principal's entry). A configuration change removes
 * every entry, and an entry also carries the configuration counter of its read, so one that slips
 * past the removal of all entries is still never answered from.
 *
 * <p>Thread safe. Holds configurations, whose option values may be (sealed) secrets: nothing here
 * logs or prints an entry.
 */
public final class LookupCache {

    /**
     * What a lookup found: the assignment and its configuration, read together.
     *
     * @param assignment the principal's assignment
     * @param configuration the configuration it names, as read in the same statement; null if that
     *     read found none that decodes (such a lookup is never kept)
     */
    public record Lookup(MfaAssignment assignment, MfaConfiguration configuration) {
        /** @throws NullPointerException if {@code assignment} is null */
        public Lookup {
            Objects.requireNonNull(assignment, "assignment");
        }
    }

    /**
     * The counts of writes made through this store when a read began.
     *
     * @param configurationChanges configuration writes finished by then
     * @param assignmentChanges assignment writes finished by then
     */
    public record Stamp(long configurationChanges, long assignmentChanges) {
    }

    private record Entry(Lookup lookup, long configurationChanges) {
    }

    private static final LookupCache OFF = new LookupCache(null);
    /** The stamp of a cache that is off: nothing is offered to it, so a verification allocates none. */
    private static final Stamp NOTHING_KEPT = new Stamp(0, 0);

    /** Null when off: then every method does nothing and nothing is ever answered. */
    private final Cache<PrincipalId, Entry> entries;
    private final AtomicLong configurationChanges = new AtomicLong();
    private final AtomicLong assignmentChanges = new AtomicLong();

    private LookupCache(Cache<PrincipalId, Entry> entries) {
        this.entries = entries;
    }

    /** @return a cache that keeps nothing */
    public static LookupCache off() {
        return OFF;
    }

    /**
     * @param maxAge how long after its read an entry may answer (positive)
     * @param maxEntries how many principals' entries are kept at most
     * @param ticker the time source of the ages
     * @return a cache
     */
    public static LookupCache of(Duration maxAge, int maxEntries, Ticker ticker) {
        Objects.requireNonNull(ticker, "ticker");
        return new LookupCache(Caffeine.newBuilder()
                .expireAfterWrite(maxAge)
                .maximumSize(maxEntries)
                .ticker(ticker::read)
                // Upkeep (expiry, eviction) on the threads that use the cache: no task for the common pool.
                .executor(Runnable::run)
                .build());
    }

    /** @return whether this cache keeps anything */
    public boolean isOn() {
        return entries != null;
    }

    /**
     * @param principal the principal, whose path is canonical (lower case)
     * @return its assignment and configuration, if read less than the maximum age ago and not
     *     changed through this store since
     */
    public Optional<Lookup> find(PrincipalId principal) {
        if (entries == null) {
            return Optional.empty();
        }
        Entry entry = entries.getIfPresent(principal);
        if (entry == null || entry.configurationChanges() != configurationChanges.get()) {
            return Optional.empty();
        }
        return Optional.of(entry.lookup());
    }

    /** @return the stamp to take before a read whose answer may be {@linkplain #offer offered} */
    public Stamp stamp() {
        if (entries == null) {
            return NOTHING_KEPT;
        }
        return new Stamp(configurationChanges.get(), assignmentChanges.get());
    }

    /**
     * Keeps a read's answer, unless a write through this store finished after {@code stamp} was
     * taken (then the answer may be older than that write, and is dropped).
     *
     * @param lookup what the read found
     * @param stamp taken before the read
     */
    public void offer(Lookup lookup, Stamp stamp) {
        if (entries == null || lookup.configuration() == null) {
            return;
        }
        entries.asMap().compute(lookup.assignment().principal(), (principal, old) ->
                stamp.equals(stamp()) ? new Entry(lookup, stamp.configurationChanges()) : null);
    }

    /**
     * Forgets a principal's entry; called after every write to its assignment, whether it ended
     * well or not.
     *
     * @param principal the principal whose assignment was written
     */
    public void assignmentChanged(PrincipalId principal) {
        if (entries == null) {
            return;
        }
        assignmentChanges.incrementAndGet();
        entries.invalidate(principal);
    }

    /** Forgets every entry; called after every write to a configuration, whether it ended well or not. */
    public void configurationsChanged() {
        if (entries == null) {
            return;
        }
        configurationChanges.incrementAndGet();
        entries.invalidateAll();
    }

    /** @return the number of entries kept, expired ones not yet cleaned up included; for tests */
    public long size() {
        if (entries == null) {
            return 0;
        }
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
