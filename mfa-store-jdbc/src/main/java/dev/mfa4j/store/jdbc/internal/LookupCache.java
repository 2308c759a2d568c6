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

    private static final LookupCache OFF = new LookupCache(null, null, 0);
    /** The stamp of a cache that is off: nothing is offered to it, so a verification allocates none. */
    private static final Stamp NOTHING_KEPT = new Stamp(0, 0);

    /** Null when off: then every method does nothing and nothing is ever answered. */
    private final Cache<PrincipalId, Entry> entries;
    private final AtomicLong configurationChanges = new AtomicLong();
    private final AtomicLong assignmentChanges = new AtomicLong();
    private final Ticker ticker;
    private final long checkEveryNanos;
    /** Whether a caller is making the check. */
    private final AtomicBoolean checking = new AtomicBoolean();
    /** Until when, by the ticker, entries may answer without another check; due at once when built. */
    private volatile long trustedUntil;
    /** The count of changes the last check found; only the checking caller touches it (under {@link #checking}). */
    private long seenChanges;
    private boolean seenAny;

    private LookupCache(Cache<PrincipalId, Entry> entries, Ticker ticker, long checkEveryNanos) {
        this.entries = entries;
        this.ticker = ticker;
        this.checkEveryNanos = checkEveryNanos;
        this.trustedUntil = ticker == null ? 0 : ticker.read();
    }

    /** @return a cache that keeps nothing */
    public static LookupCache off() {
        return OFF;
    }

    /**
     * @param checkEvery how long after a check of the count of changes began entries may answer
     *     without another (positive)
     * @param maxEntries how many principals' entries are kept at most
     * @param ticker the time source of the check interval
     * @return a cache
     */
    public static LookupCache of(Duration checkEvery, int maxEntries, Ticker ticker) {
        Objects.requireNonNull(ticker, "ticker");
        if (checkEvery.isNegative() || checkEvery.isZero()) {
            throw new IllegalArgumentException("the check interval must be positive");
        }
        return new LookupCache(Caffeine.newBuilder()
                .maximumSize(maxEntries)
                // Upkeep (eviction) on the threads that use the cache: no task for the common pool.
                .executor(Runnable::run)
                .build(), ticker, checkEvery.toNanos());
    }

    /** @return whether this cache keeps anything */
    public boolean isOn() {
        return entries != null;
    }

    /**
     * @param principal the principal, whose path is canonical (lower case)
     * @return its assignment and configuration, if kept, not changed through this store since, and
     *     a check of the count of changes began less than the check interval ago
     */
    public Optional<Lookup> find(PrincipalId principal) {
        if (entries == null || ticker.read() - trustedUntil >= 0) {
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

    /**
     * Claims the check of the count of changes, if one is due and no other caller is making it. The
     * caller then reads the count and reports it to {@link #checked}, or calls
     * {@link #checkFailed}; until then, no entry answers once the interval is over.
     *
     * @return the check to make, or null if none is due or another caller is making it
     */
    public Check checkIfDue() {
        if (entries == null) {
            return null;
        }
        long now = ticker.read();
        if (now - trustedUntil < 0 || !checking.compareAndSet(false, true)) {
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
        try {
            if (!seenAny || databaseChanges != seenChanges) {
                configurationsChanged();
                seenChanges = databaseChanges;
                seenAny = true;
            }
            trustedUntil = check.startedAt() + checkEveryNanos;
        } finally {
            checking.set(false);
        }
    }

    /**
     * Ends a check that could not read the count: nothing changes, and the next caller checks again.
     *
     * @param check from {@link #checkIfDue}
     */
    public void checkFailed(Check check) {
        Objects.requireNonNull(check, "check");
        checking.set(false);
    }

    /** @return the number of entries kept; for tests */
    public long size() {
        if (entries == null) {
            return 0;
        }
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
