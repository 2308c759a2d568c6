package dev.mfa4j.store.jdbc;

import dev.mfa4j.api.StoreException;
import dev.mfa4j.api.spi.AttemptStore;
import dev.mfa4j.store.jdbc.internal.DialectSql;
import dev.mfa4j.store.jdbc.internal.Jdbc;
import dev.mfa4j.store.jdbc.internal.Micros;
import dev.mfa4j.store.jdbc.internal.StoreSetup;
import dev.mfa4j.store.jdbc.internal.Tables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps attempt counts, lockouts, used passcodes and pending pushes in a relational database
 * (PostgreSQL or H2), so that all nodes of a host share them and an attacker cannot spread
 * guesses across nodes.
 *
 * <h2>What is atomic</h2>
 * Every check-and-change of {@link AttemptStore} is one SQL statement whose {@code WHERE} clause is
 * the check, and whose affected-row count says whether it passed: {@link #admit} is
 * {@code UPDATE ... SET failures = ... WHERE attempt_key = ? AND (locked_until_us IS NULL OR
 * locked_until_us <= ?)}. The database locks the row for the statement and re-checks the condition
 * on the row as the previous writer left it, so N concurrent calls from any number of nodes admit
 * at most {@code maxFailures}. A key seen for the first time has no row: then an insert that does
 * nothing if the row exists takes the first attempt, and if another node inserted first, the
 * conditional update runs again. Nothing is ever read and then written back.
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

    private final Jdbc jdbc;
    private final Tables tables;
    private final String admitUpdate;
    private final String admitInsert;
    private final String selectLockedUntil;
    private final String refundUpdate;
    private final String successUpdate;
    private final String claimUpdate;
    private final String claimInsert;
    private final String releaseDelete;
    private final String pushUpdate;
    private final String pushInsert;
    private final String selectPush;
    private final String endPushUpdate;
    private final String purge;
    private final AtomicInteger claimsSincePurge = new AtomicInteger();

    private JdbcAttemptStore(StoreSetup setup) {
        this.jdbc = setup.jdbc();
        this.tables = setup.tables();
        Tables t = setup.tables();
        Dialect dialect = setup.dialect();
        // A lockout that has ended starts a fresh count (1); otherwise the count goes up by one. The new count is
        // spelled out again in the second SET because every SET expression sees the row as it was.
        admitUpdate = t.expand("UPDATE ${prefix}attempt SET "
                + "failures = CASE WHEN locked_until_us IS NULL THEN failures + 1 ELSE 1 END, "
                + "locked_until_us = CASE WHEN (CASE WHEN locked_until_us IS NULL THEN failures + 1 ELSE 1 END) >= ? THEN ? ELSE NULL END "
                + "WHERE attempt_key = ? AND (locked_until_us IS NULL OR locked_until_us <= ?)");
        admitInsert = DialectSql.insertIfAbsent(dialect, t.expand("INSERT INTO ${prefix}attempt "
                + "(attempt_key, failures, locked_until_us, window_pushes) VALUES (?, 1, ?, 0)"));
        selectLockedUntil = t.expand("SELECT locked_until_us FROM ${prefix}attempt WHERE attempt_key = ?");
        refundUpdate = t.expand("UPDATE ${prefix}attempt SET failures = CASE WHEN failures > 0 THEN failures - 1 ELSE 0 END, "
                + "locked_until_us = NULL WHERE attempt_key = ?");
        successUpdate = t.expand("UPDATE ${prefix}attempt SET failures = 0, locked_until_us = NULL, window_start_us = NULL, "
                + "window_pushes = 0 WHERE attempt_key = ?");
        claimUpdate = t.expand("UPDATE ${prefix}used_passcode SET expires_at_us = ? "
                + "WHERE scope = ? AND fingerprint = ? AND expires_at_us <= ?");
        claimInsert = DialectSql.insertIfAbsent(dialect, t.expand("INSERT INTO ${prefix}used_passcode "
                + "(scope, fingerprint, expires_at_us) VALUES (?, ?, ?)"));
        releaseDelete = t.expand("DELETE FROM ${prefix}used_passcode WHERE scope = ? AND fingerprint = ?");
        // The window is open while window_start_us > now - window; the count in it is window_pushes, else 0.
        String open = "(window_start_us IS NOT NULL AND window_start_us > ?)";
        pushUpdate = t.expand("UPDATE ${prefix}attempt SET pending_push = ?, pending_until_us = ?, "
                + "window_pushes = CASE WHEN " + open + " THEN window_pushes + 1 ELSE 1 END, "
                + "window_start_us = CASE WHEN " + open + " THEN window_start_us ELSE ? END "
                + "WHERE attempt_key = ? AND (pending_push IS NULL OR pending_until_us <= ?) "
                + "AND (CASE WHEN " + open + " THEN window_pushes ELSE 0 END) < ?");
        pushInsert = DialectSql.insertIfAbsent(dialect, t.expand("INSERT INTO ${prefix}attempt (attempt_key, failures, pending_push, "
                + "pending_until_us, window_start_us, window_pushes) VALUES (?, 0, ?, ?, ?, 1)"));
        selectPush = t.expand("SELECT pending_push, pending_until_us, window_start_us, window_pushes FROM ${prefix}attempt "
                + "WHERE attempt_key = ?");
        endPushUpdate = t.expand("UPDATE ${prefix}attempt SET pending_push = NULL, pending_until_us = NULL "
                + "WHERE attempt_key = ? AND pending_push = ?");
        purge = DialectSql.purgeUsedPasscodes(dialect, t);
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
        return jdbc.autoCommit("admit", connection -> {
            for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
                try (PreparedStatement update = connection.prepareStatement(admitUpdate)) {
                    update.setInt(1, maxFailures);
                    update.setLong(2, lockUntilUs);
                    update.setString(3, key);
                    update.setLong(4, nowUs);
                    if (update.executeUpdate() == 1) {
                        return Admission.ADMITTED;
                    }
                }
                try (PreparedStatement insert = connection.prepareStatement(admitInsert)) {
                    insert.setString(1, key);
                    setNullableLong(insert, 2, maxFailures <= 1 ? lockUntilUs : null);
                    if (DialectSql.runInsertIfAbsent(insert)) {
                        return Admission.ADMITTED;
                    }
                }
                // Refused: the row exists and was locked. Read the lockout to report it; the refusal changed nothing,
                // so reporting the state as read now is exact. If the lockout ended meanwhile, decide again.
                Long lockedUntil = readLong(connection, selectLockedUntil, key);
                if (lockedUntil != null && lockedUntil > nowUs) {
                    return Admission.lockedUntil(Micros.toInstant(lockedUntil));
                }
            }
            throw gaveUp("admit");
        });
    }

    @Override
    public void refund(String key) {
        Objects.requireNonNull(key, "key");
        update("refund", refundUpdate, key);
    }

    @Override
    public void recordSuccess(String key) {
        Objects.requireNonNull(key, "key");
        update("recordSuccess", successUpdate, key);
    }

    @Override
    public boolean claimPasscode(String scope, String fingerprint, Instant now, Instant expiresAt) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(fingerprint, "fingerprint");
        long nowUs = Micros.of(Objects.requireNonNull(now, "now"));
        long expiresUs = Micros.of(Objects.requireNonNull(expiresAt, "expiresAt"));
        return jdbc.autoCommit("claimPasscode", connection -> {
            boolean claimed = claim(connection, scope, fingerprint, nowUs, expiresUs);
            if (claimsSincePurge.incrementAndGet() >= PURGE_EVERY) {
                claimsSincePurge.set(0);
                purgeQuietly(connection, nowUs);
            }
            return claimed;
        });
    }

    private boolean claim(Connection connection, String scope, String fingerprint, long nowUs, long expiresUs) throws SQLException {
        // An expired record is taken over; an absent one is inserted; a live one (or one a concurrent claim just took
        // over or inserted) makes both statements change nothing.
        try (PreparedStatement update = connection.prepareStatement(claimUpdate)) {
            update.setLong(1, expiresUs);
            update.setString(2, scope);
            update.setString(3, fingerprint);
            update.setLong(4, nowUs);
            if (update.executeUpdate() == 1) {
                return true;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(claimInsert)) {
            insert.setString(1, scope);
            insert.setString(2, fingerprint);
            insert.setLong(3, expiresUs);
            return DialectSql.runInsertIfAbsent(insert);
        }
    }

    @Override
    public void releasePasscode(String scope, String fingerprint) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(fingerprint, "fingerprint");
        jdbc.autoCommit("releasePasscode", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(releaseDelete)) {
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
        return jdbc.autoCommit("admitPush", connection -> {
            for (int attempt = 0; attempt < MAX_TRIES; attempt++) {
                try (PreparedStatement update = connection.prepareStatement(pushUpdate)) {
                    update.setString(1, pushId);
                    update.setLong(2, expiresUs);
                    update.setLong(3, windowCutoffUs);
                    update.setLong(4, windowCutoffUs);
                    update.setLong(5, nowUs);
                    update.setString(6, key);
                    update.setLong(7, nowUs);
                    update.setLong(8, windowCutoffUs);
                    update.setInt(9, maxPushes);
                    if (update.executeUpdate() == 1) {
                        return PushAdmission.ADMITTED;
                    }
                }
                if (maxPushes >= 1) {
                    try (PreparedStatement insert = connection.prepareStatement(pushInsert)) {
                        insert.setString(1, key);
                        insert.setString(2, pushId);
                        insert.setLong(3, expiresUs);
                        insert.setLong(4, nowUs);
                        if (DialectSql.runInsertIfAbsent(insert)) {
                            return PushAdmission.ADMITTED;
                        }
                    }
                }
                PushAdmission refusal = pushRefusal(connection, key, nowUs, windowCutoffUs, maxPushes);
                if (refusal != null) {
                    return refusal;
                }
            }
            throw gaveUp("admitPush");
        });
    }

    /** Why the row refuses a push now, or null if it no longer does (it changed after the update). */
    private PushAdmission pushRefusal(Connection connection, String key, long nowUs, long windowCutoffUs, int maxPushes)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(selectPush)) {
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
            try (PreparedStatement update = connection.prepareStatement(endPushUpdate)) {
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
                deleted = purgeBatch(connection, nowUs);
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

    private int purgeBatch(Connection connection, long nowUs) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(purge)) {
            delete.setLong(1, nowUs);
            delete.setInt(2, PURGE_BATCH);
            return delete.executeUpdate();
        }
    }

    private void purgeQuietly(Connection connection, long nowUs) {
        try {
            int deleted = purgeBatch(connection, nowUs);
            LOG.debug("MFA-JDBC-002 deleted {} expired used-passcode records (table prefix {})", deleted, tables.prefix());
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

    private StoreException gaveUp(String operation) {
        return new StoreException("the JDBC attempt store (table prefix " + tables.prefix() + ") gave up on " + operation + " after "
                + MAX_TRIES + " tries: other nodes kept changing the same row");
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
