package dev.mfa4j.store.jdbc;

import dev.mfa4j.api.StoreException;
import dev.mfa4j.api.spi.AttemptStore;
import dev.mfa4j.store.jdbc.internal.AttemptSql;
import dev.mfa4j.store.jdbc.internal.Jdbc;
import dev.mfa4j.store.jdbc.internal.Micros;
import dev.mfa4j.store.jdbc.internal.StoreSetup;
import dev.mfa4j.store.jdbc.internal.Tables;
import dev.mfa4j.store.jdbc.internal.Upsert;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps attempt counts, lockouts, used passcodes and pending pushes in a relational database
 * (PostgreSQL or H2), so that all nodes of a host share them and an attacker cannot spread
 * guesses across nodes.
 *
 * <h2>What is atomic</h2>
 * Every check-and-change of {@link AttemptStore} is one SQL statement whose condition is the
 * check, and whose affected-row count says whether it passed. On PostgreSQL, {@link #admit} is
 * <pre>{@code
 * INSERT INTO mfa_attempt AS a (attempt_key, failures, ...) VALUES (?, 1, ...)
 * ON CONFLICT (attempt_key) DO UPDATE SET failures = ..., locked_until_us = ...
 * WHERE a.locked_until_us IS NULL OR a.locked_until_us <= ?
 * }</pre>
 * The database locks the row for the statement and checks the condition on the row as the
 * previous writer left it, so N concurrent calls from any number of nodes admit at most
 * {@code maxFailures}; a key seen for the first time gets its row in the same statement. Each step
 * is one round trip. On H2 (embedded, no network) the same step is an {@code UPDATE ... WHERE}
 * and, if it changed nothing, an {@code INSERT} whose duplicate key means another caller was
 * first: then the step runs again. Nothing is ever read and then written back.
 *
 * <p>A passcode attempt, {@link #admitAndClaim}, is on PostgreSQL one statement that counts the
 * attempt and claims the passcode together (the two upserts as {@code WITH} queries), so a
 * passcode verification costs three round trips with the configuration store's read and the
 * settle.
 *
 * <p>Times are the ones mfa-core passes in (its clock), stored as microseconds; the database's
 * clock is never used, so nodes agree as long as their clocks do.
 *
 * <p>Used passcodes are rows until they expire; expired rows are deleted now and then, a bounded
 * number at a time, by the claims themselves, or by {@link #purgeExpired} if the host schedules it.
 *
 * <p>Thread safe: each call borrows one connection in auto-commit mode from the
 * {@link DataSource} and returns it; use a pooled data source. Arguments must not be null
 * ({@link NullPointerException}). A database failure is a {@link StoreException} naming the
 * operation and the SQLState, never a key or value; mfa-core then fails the verification closed.
 *
 * @since 0.1.0
 */
public final class JdbcAttemptStore implements AttemptStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcAttemptStore.class);
    /** A retry happens only when another node changed the row between two statements; this many in a row means trouble. */
    private static final int MAX_TRIES = 10;
    private static final int PURGE_EVERY = 256;
    private static final int PURGE_BATCH = 500;
    /** Every this many sweeps, one starts from the oldest row, for any left behind the others' starting point. */
    private static final int FULL_SWEEP_EVERY = 16;

    private final Jdbc jdbc;
    private final Dialect dialect;
    private final Tables tables;
    private final AttemptSql sql;
    private final AtomicInteger claimsSincePurge = new AtomicInteger();
    private final AtomicInteger sweeps = new AtomicInteger();
    /**
     * The latest expiry this node's sweeps have deleted: the next sweep starts after it. The index entries of
     * deleted rows stay at the start of the expiry index until the table is vacuumed, and a sweep that started from
     * the oldest would step over every one of them, a cost that grows with the rows deleted since the last vacuum.
     */
    private final AtomicLong sweptUpTo = new AtomicLong(Long.MIN_VALUE);

    /**
     * What one batch deleted.
     *
     * @param count rows deleted
     * @param latestExpiry the latest expiry among them ({@link Long#MIN_VALUE} if none, or on H2, which does not say)
     */
    private record Purged(int count, long latestExpiry) {
    }

    private JdbcAttemptStore(StoreSetup setup) {
        this.jdbc = setup.jdbc();
        this.dialect = setup.dialect();
        this.tables = setup.tables();
        this.sql = AttemptSql.of(setup.dialect(), setup.tables());
    }

    /**
     * @param dataSource where connections come from; a pool is advised
     * @return a builder
     * @throws NullPointerException if {@code dataSource} is null
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** @return the table prefix in use */
    public String tablePrefix() {
        return tables.prefix();
    }

    @Override
    public Admission admit(String key, Instant now, int maxFailures, Duration coolDown) {
        Objects.requireNonNull(key, "key");
        long nowUs = Micros.of(Objects.requireNonNull(now, "now"));
        long lockUntilUs = Micros.of(now.plus(Objects.requireNonNull(coolDown, "coolDown")));
        return untilDecided("admit", connection -> {
            boolean admitted = sql.admit().run(connection,
                    (s, i) -> {
                        s.setString(i, key);
                        setNullableLong(s, i + 1, maxFailures <= 1 ? lockUntilUs : null);
                        return i + 2;
                    },
                    (s, i) -> {
                        s.setInt(i, maxFailures);
                        s.setLong(i + 1, lockUntilUs);
                        s.setLong(i + 2, nowUs);
                        return i + 3;
                    },
                    keyParameter(key));
            if (admitted) {
                return Admission.ADMITTED;
            }
            // Refused: the row exists and was locked. Read the lockout to report it; the refusal changed nothing,
            // so reporting the state as read now is exact. If the lockout ended meanwhile, decide again.
            Long lockedUntil = readLong(connection, sql.lockedUntil(), key);
            return lockedUntil != null && lockedUntil > nowUs ? Admission.lockedUntil(Micros.toInstant(lockedUntil)) : null;
        });
    }

    @Override
    public void refund(String key) {
        Objects.requireNonNull(key, "key");
        update("refund", sql.refund(), key);
    }

    @Override
    public void recordSuccess(String key) {
        Objects.requireNonNull(key, "key");
        update("recordSuccess", sql.success(), key);
    }

    @Override
    public boolean claimPasscode(String scope, String fingerprint, Instant now, Instant expiresAt) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(fingerprint, "fingerprint");
        long nowUs = Micros.of(Objects.requireNonNull(now, "now"));
        long expiresUs = Micros.of(Objects.requireNonNull(expiresAt, "expiresAt"));
        return jdbc.autoCommit("claimPasscode", connection -> {
            boolean claimed = claim(connection, scope, fingerprint, nowUs, expiresUs);
            sweepNowAndThen(connection, nowUs);
            return claimed;
        });
    }

    /**
     * Every {@value #PURGE_EVERY}th claim on this node deletes a batch of expired records, on its connection,
     * starting after the latest expiry its sweeps deleted (every {@value #FULL_SWEEP_EVERY}th sweep from the oldest).
     * Expired records are only garbage: one left behind is taken over by the next claim of the same passcode.
     */
    private void sweepNowAndThen(Connection connection, long nowUs) {
        if (claimsSincePurge.incrementAndGet() >= PURGE_EVERY) {
            claimsSincePurge.set(0);
            long after = sweeps.incrementAndGet() % FULL_SWEEP_EVERY == 0 ? Long.MIN_VALUE : sweptUpTo.get();
            purgeQuietly(connection, after, nowUs);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>On PostgreSQL this is one statement, one round trip: {@link #admit}'s
     * {@code INSERT ... ON CONFLICT} and {@link #claimPasscode}'s as two data-modifying
     * {@code WITH} queries, the claim inserting only from the row the admission returned, so there
     * is no claim without the count, and a failure leaves neither. Each keeps its own check on
     * the row as the previous writer left it, so the race guarantees of both methods hold. On H2
     * (embedded, where a statement costs no round trip) it is {@link #admit} then
     * {@link #claimPasscode}, as the interface's default.
     */
    @Override
    public PasscodeAdmission admitAndClaim(String key, Instant now, int maxFailures, Duration coolDown, String scope,
            String fingerprint, Instant claimExpiresAt) {
        if (dialect != Dialect.POSTGRESQL) {
            return AttemptStore.super.admitAndClaim(key, now, maxFailures, coolDown, scope, fingerprint, claimExpiresAt);
        }
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(fingerprint, "fingerprint");
        long nowUs = Micros.of(Objects.requireNonNull(now, "now"));
        long lockUntilUs = Micros.of(now.plus(Objects.requireNonNull(coolDown, "coolDown")));
        long expiresUs = Micros.of(Objects.requireNonNull(claimExpiresAt, "claimExpiresAt"));
        return untilDecided("admitAndClaim", connection -> {
            PasscodeAdmission answer;
            try (PreparedStatement statement = connection.prepareStatement(sql.admitAndClaim())) {
                statement.setString(1, key);
                setNullableLong(statement, 2, maxFailures <= 1 ? lockUntilUs : null);
                statement.setInt(3, maxFailures);
                statement.setLong(4, lockUntilUs);
                statement.setLong(5, nowUs);
                statement.setString(6, scope);
                statement.setString(7, fingerprint);
                statement.setLong(8, expiresUs);
                statement.setLong(9, expiresUs);
                statement.setLong(10, nowUs);
                statement.setString(11, key);
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    answer = row.getInt(1) == 1 ? (row.getInt(2) == 1 ? PasscodeAdmission.CLAIMED : PasscodeAdmission.ALREADY_CLAIMED)
                            : lockoutAsSeen(row.getLong(3), !row.wasNull(), nowUs);
                }
            }
            if (answer != null && answer.admission().admitted()) {
                sweepNowAndThen(connection, nowUs);
            }
            return answer;
        });
    }

    /**
     * A refused admission, from the lockout end the statement's snapshot saw; null (ask again) if
     * that snapshot predates the lockout, which a concurrent writer set after it was taken. The
     * refusal changed nothing, so asking again is safe.
     */
    private static PasscodeAdmission lockoutAsSeen(long lockedUntilUs, boolean seen, long nowUs) {
        return seen && lockedUntilUs > nowUs ? PasscodeAdmission.lockedUntil(Micros.toInstant(lockedUntilUs)) : null;
    }

    private boolean claim(Connection connection, String scope, String fingerprint, long nowUs, long expiresUs) throws SQLException {
        // An absent record is inserted; an expired one is taken over; a live one (or one a concurrent claim just took
        // over or inserted) is left as it is, and the claim is refused.
        return sql.claim().run(connection,
                (s, i) -> {
                    s.setString(i, scope);
                    s.setString(i + 1, fingerprint);
                    s.setLong(i + 2, expiresUs);
                    return i + 3;
                },
                (s, i) -> {
                    s.setLong(i, expiresUs);
                    s.setLong(i + 1, nowUs);
                    return i + 2;
                },
                (s, i) -> {
                    s.setString(i, scope);
                    s.setString(i + 1, fingerprint);
                    return i + 2;
                });
    }

    @Override
    public void releasePasscode(String scope, String fingerprint) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(fingerprint, "fingerprint");
        jdbc.autoCommit("releasePasscode", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(sql.release())) {
                delete.setString(1, scope);
                delete.setString(2, fingerprint);
                return delete.executeUpdate();
            }
        });
    }

    @Override
    public PushAdmission admitPush(String key, String pushId, Instant now, int maxPushes, Duration window, Instant expiresAt) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(pushId, "pushId");
        long nowUs = Micros.of(Objects.requireNonNull(now, "now"));
        long windowCutoffUs = Micros.of(now.minus(Objects.requireNonNull(window, "window")));
        long expiresUs = Micros.of(Objects.requireNonNull(expiresAt, "expiresAt"));
        return untilDecided("admitPush", connection -> {
            // With no push allowed at all, a first push must not create a row that counts one.
            boolean admitted = maxPushes >= 1 && sql.admitPush().run(connection,
                    (s, i) -> {
                        s.setString(i, key);
                        s.setString(i + 1, pushId);
                        s.setLong(i + 2, expiresUs);
                        s.setLong(i + 3, nowUs);
                        return i + 4;
                    },
                    (s, i) -> {
                        s.setString(i, pushId);
                        s.setLong(i + 1, expiresUs);
                        s.setLong(i + 2, windowCutoffUs);
                        s.setLong(i + 3, windowCutoffUs);
                        s.setLong(i + 4, nowUs);
                        s.setLong(i + 5, nowUs);
                        s.setLong(i + 6, windowCutoffUs);
                        s.setInt(i + 7, maxPushes);
                        return i + 8;
                    },
                    keyParameter(key));
            return admitted ? PushAdmission.ADMITTED : pushRefusal(connection, key, nowUs, windowCutoffUs, maxPushes);
        });
    }

    /** Why the row refuses a push now, or null if it no longer does (it changed after the update). */
    private PushAdmission pushRefusal(Connection connection, String key, long nowUs, long windowCutoffUs, int maxPushes)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql.pushState())) {
            select.setString(1, key);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return maxPushes >= 1 ? null : PushAdmission.TOO_MANY;
                }
                String pending = rows.getString(1);
                long pendingUntil = rows.getLong(2);
                if (pending != null && pendingUntil > nowUs) {
                    return PushAdmission.PENDING;
                }
                long windowStart = rows.getLong(3);
                boolean open = !rows.wasNull() && windowStart > windowCutoffUs;
                int pushes = open ? rows.getInt(4) : 0;
                return pushes >= maxPushes ? PushAdmission.TOO_MANY : null;
            }
        }
    }

    @Override
    public void endPush(String key, String pushId) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(pushId, "pushId");
        jdbc.autoCommit("endPush", connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql.endPush())) {
                update.setString(1, key);
                update.setString(2, pushId);
                return update.executeUpdate();
            }
        });
    }

    /**
     * Deletes every used-passcode record that expired at or before {@code now}, in batches. Claims
     * already do this now and then; a host may also run it on a schedule, from one node or all.
     *
     * @param now the current time, from the same clock as mfa-core's
     * @return how many records were deleted
     * @throws StoreException if the database fails
     */
    public long purgeExpired(Instant now) {
        long nowUs = Micros.of(Objects.requireNonNull(now, "now"));
        return jdbc.autoCommit("purgeExpired", connection -> {
            long total = 0;
            int deleted;
            do {
                deleted = purgeBatch(connection, Long.MIN_VALUE, nowUs).count();
                total += deleted;
            } while (deleted == PURGE_BATCH);
            return total;
        });
    }

    /** @return the table prefix, never a key or value */
    @Override
    public String toString() {
        return "JdbcAttemptStore[tablePrefix=" + tables.prefix() + "]";
    }

    private Purged purgeBatch(Connection connection, long afterUs, long nowUs) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(sql.purge())) {
            delete.setLong(1, afterUs);
            delete.setLong(2, nowUs);
            delete.setInt(3, PURGE_BATCH);
            if (dialect != Dialect.POSTGRESQL) {
                return new Purged(delete.executeUpdate(), Long.MIN_VALUE);
            }
            try (ResultSet gone = delete.executeQuery()) {
                gone.next();
                int count = gone.getInt(1);
                long latest = gone.getLong(2);
                return new Purged(count, gone.wasNull() ? Long.MIN_VALUE : latest);
            }
        }
    }

    private void purgeQuietly(Connection connection, long afterUs, long nowUs) {
        try {
            Purged purged = purgeBatch(connection, afterUs, nowUs);
            sweptUpTo.accumulateAndGet(purged.latestExpiry(), Math::max);
            LOG.debug("MFA-JDBC-002 deleted {} expired used-passcode records (table prefix {})", purged.count(), tables.prefix());
        } catch (SQLException e) {
            // The claim itself succeeded; a failed clean-up waits for the next one.
            LOG.warn("MFA-JDBC-003 deleting expired used-passcode records failed (table prefix {}): {}", tables.prefix(),
                    Jdbc.withheld(e).getMessage());
        }
    }

    private void update(String operation, String sql, String key) {
        jdbc.autoCommit(operation, connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                update.setString(1, key);
                return update.executeUpdate();
            }
        });
    }

    private static Long readLong(Connection connection, String sql, String key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, key);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return null;
                }
                long value = rows.getLong(1);
                return rows.wasNull() ? null : value;
            }
        }
    }

    private static void setNullableLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    /**
     * Runs one check-and-change, on one connection, until it decides: a step answers null only when the row changed
     * between its statement and the read of why it refused, and then runs again.
     */
    private <T> T untilDecided(String operation, Jdbc.Work<T> step) {
        return jdbc.autoCommit(operation, connection -> {
            for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
                T answer = step.run(connection);
                if (answer != null) {
                    return answer;
                }
            }
            throw new StoreException("the JDBC attempt store (table prefix " + tables.prefix() + ") gave up on " + operation + " after "
                    + MAX_TRIES + " tries: other nodes kept changing the same row");
        });
    }

    private static Upsert.Parameters keyParameter(String key) {
        return (s, i) -> {
            s.setString(i, key);
            return i + 1;
        };
    }

    /**
     * Builds a {@link JdbcAttemptStore}; the options are those of {@link JdbcStoreBuilder}.
     *
     * @since 0.1.0
     */
    public static final class Builder extends JdbcStoreBuilder<JdbcAttemptStore, Builder> {

        private Builder(DataSource dataSource) {
            super(dataSource, "the JDBC attempt store");
        }

        @Override
        Builder self() {
            return this;
        }

        @Override
        JdbcAttemptStore create(StoreSetup setup) {
            return new JdbcAttemptStore(setup);
        }
    }
}
