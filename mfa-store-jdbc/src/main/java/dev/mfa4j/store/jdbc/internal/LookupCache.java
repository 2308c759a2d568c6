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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The principals' assignments, each with its configuration as read in the same statement, kept so
 * that a verification need not read them again: the opt-in lookup cache of
 * {@code JdbcMfaConfigurationStore}.
 *
 * <p>How another node's change is learnt: every write through any such store adds one to a count
 * of changes in the database, in its own transaction. Entries answer only while a check of that
 * count, started less than the check interval ago, found it as this cache last saw it. When a
 * check is due, one caller makes it ({@link #checkIfDue}, then {@link #checked}) and the others
 * read the database meanwhile. A check that finds another count forgets every entry, and so does
 * the first check, as does a local configuration write: an entry is kept only from a read that
 * began after the check that set the count this cache trusts, so it holds every change that count
 * includes. A change made anywhere is thus answered from no entry past one check interval after
 * its commit.
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

    /**
     * A check of the database's count of changes, which one caller at a time makes.
     *
     * @param startedAt when it began, by the ticker: entries may answer for one interval from then
     */
    public record Check(long startedAt) {
    }

    /**
     * The entries since the last forgetting of everything, and the configurations they share (one
     * object per name and revision rather than one per principal). Forgetting everything replaces
     * the generation, so a verifying thread whose check saw a change does not clear a large map.
     */
    private record Generation(Cache<PrincipalId, Entry> entries, ConcurrentMap<String, MfaConfiguration> configurations) {
    }

    /** How soon a failed check may be made again, at most: a database that is down is not asked on every lookup. */
    private static final long RETRY_FAILED_CHECK_NANOS = Duration.ofSeconds(1).toNanos();
    private static final LookupCache OFF = new LookupCache(0, null, 0);
    /** The stamp of a cache that is off: nothing is offered to it, so a verification allocates none. */
    private static final Stamp NOTHING_KEPT = new Stamp(0, 0);

    /** Zero when off: then every method does nothing and nothing is ever answered. */
    private final int maxEntries;
    private volatile Generation generation;
    private final AtomicLong configurationChanges = new AtomicLong();
    private final AtomicLong assignmentChanges = new AtomicLong();
    private final Ticker ticker;
    private final long checkEveryNanos;
    /** Whether a caller is making the check. */
    private final AtomicBoolean checking = new AtomicBoolean();
    /** Until when, by the ticker, entries may answer without another check; due at once when built. */
    private volatile long trustedUntil;
    /** Not before this, by the ticker, is a check made again after one failed. */
    private volatile long retryAfter;
    /** The count of changes the last check found; only the checking caller touches these (under {@link #checking}). */
    private long seenChanges;
    private boolean seenAny;
    private int failuresInARow;

    private LookupCache(int maxEntries, Ticker ticker, long checkEveryNanos) {
        this.maxEntries = maxEntries;
        this.ticker = ticker;
        this.checkEveryNanos = checkEveryNanos;
        long now = ticker == null ? 0 : ticker.read();
        this.trustedUntil = now;
        this.retryAfter = now;
        this.generation = maxEntries == 0 ? null : newGeneration();
    }

    private Generation newGeneration() {
        return new Generation(Caffeine.newBuilder()
                .maximumSize(maxEntries)
                // Upkeep (eviction) on the threads that use the cache: no task for the common pool.
                .executor(Runnable::run)
                .build(), new ConcurrentHashMap<>());
    }

    /** @return a cache that keeps nothing */
    public static LookupCache off() {
        return OFF;
    }

    /**
     * @param checkEvery how long after a check of the count of changes began entries may answer
     *     without another (positive)
     * @param maxEntries how many principals' entries are kept at most (positive)
     * @param ticker the time source of the check interval
     * @return a cache
     */
    public static LookupCache of(Duration checkEvery, int maxEntries, Ticker ticker) {
        Objects.requireNonNull(ticker, "ticker");
        if (checkEvery.isNegative() || checkEvery.isZero() || maxEntries < 1) {
            throw new IllegalArgumentException("the check interval and the size must be positive");
        }
        return new LookupCache(maxEntries, ticker, checkEvery.toNanos());
    }

    /** @return whether this cache keeps anything */
    public boolean isOn() {
        return maxEntries > 0;
    }

    /**
     * @param principal the principal, whose path is canonical (lower case)
     * @return its assignment and configuration, if kept, not changed through this store since, and
     *     a check of the count of changes began less than the check interval ago
     */
    public Optional<Lookup> find(PrincipalId principal) {
        if (maxEntries == 0 || ticker.read() - trustedUntil >= 0) {
            return Optional.empty();
        }
        Entry entry = generation.entries().getIfPresent(principal);
        if (entry == null || entry.configurationChanges() != configurationChanges.get()) {
            return Optional.empty();
        }
        return Optional.of(entry.lookup());
    }

    /** @return the stamp to take before a read whose answer may be {@linkplain #offer offered} */
    public Stamp stamp() {
        if (maxEntries == 0) {
            return NOTHING_KEPT;
        }
        return new Stamp(configurationChanges.get(), assignmentChanges.get());
    }

    /**
     * Keeps a read's answer, unless a write through this store, or a check that found the count of
     * changes moved, finished after {@code stamp} was taken (then the answer may be older than that
     * change, and is dropped).
     *
     * @param lookup what the read found
     * @param stamp taken before the read
     */
    public void offer(Lookup lookup, Stamp stamp) {
        if (maxEntries == 0 || lookup.configuration() == null) {
            return;
        }
        Generation current = generation;
        MfaConfiguration read = lookup.configuration();
        MfaConfiguration shared = current.configurations().merge(read.name(), read, (kept, fresh) -> kept.equals(fresh) ? kept : fresh);
        Lookup kept = shared == read ? lookup : new Lookup(lookup.assignment(), shared);
        current.entries().asMap().compute(lookup.assignment().principal(), (principal, old) ->
                stamp.equals(stamp()) ? new Entry(kept, stamp.configurationChanges()) : null);
    }

    /**
     * Forgets a principal's entry; called after every write to its assignment, whether it ended
     * well or not.
     *
     * @param principal the principal whose assignment was written
     */
    public void assignmentChanged(PrincipalId principal) {
        if (maxEntries == 0) {
            return;
        }
        assignmentChanges.incrementAndGet();
        generation.entries().invalidate(principal);
    }

    /** Forgets every entry; called after every write to a configuration, whether it ended well or not. */
    public void configurationsChanged() {
        if (maxEntries == 0) {
            return;
        }
        // The count first: from here on, no entry kept before answers and no read begun before is kept.
        configurationChanges.incrementAndGet();
        generation = newGeneration();
    }

    /**
     * Claims the check of the count of changes, if one is due and no other caller is making it. The
     * caller then reads the count and reports it to {@link #checked}, or calls
     * {@link #checkFailed}; until then, no entry answers once the interval is over.
     *
     * @return the check to make, or null if none is due, another caller is making it, or one
     *     failed less than a second (or one interval, if shorter) ago
     */
    public Check checkIfDue() {
        if (maxEntries == 0) {
            return null;
        }
        long now = ticker.read();
        if (now - trustedUntil < 0 || now - retryAfter < 0 || !checking.compareAndSet(false, true)) {
            return null;
        }
        return new Check(now);
    }

    /**
     * Ends a check: entries may answer for one interval from its start. If the count differs from
     * the one seen last (or none was seen yet), every entry is forgotten first, and so is every
     * read still under way.
     *
     * @param check from {@link #checkIfDue}
     * @param databaseChanges the count of changes the check read
     */
    public void checked(Check check, long databaseChanges) {
        Objects.requireNonNull(check, "check");
        try {
            if (!seenAny || databaseChanges != seenChanges) {
                configurationsChanged();
                seenChanges = databaseChanges;
                seenAny = true;
            }
            failuresInARow = 0;
            trustedUntil = check.startedAt() + checkEveryNanos;
        } finally {
            checking.set(false);
        }
    }

    /**
     * Ends a check that could not read the count: nothing is trusted, and the next check is made
     * no sooner than a second (or one interval, if shorter) after this one began.
     *
     * @param check from {@link #checkIfDue}
     * @return whether the check before this one succeeded (or there was none), so that a caller
     *     reports an outage once rather than on every lookup
     */
    public boolean checkFailed(Check check) {
        Objects.requireNonNull(check, "check");
        try {
            retryAfter = check.startedAt() + Math.min(checkEveryNanos, RETRY_FAILED_CHECK_NANOS);
            return failuresInARow++ == 0;
        } finally {
            checking.set(false);
        }
    }

    /** @return the number of entries kept; for tests */
    public long size() {
        if (maxEntries == 0) {
            return 0;
        }
        Cache<PrincipalId, Entry> entries = generation.entries();
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
