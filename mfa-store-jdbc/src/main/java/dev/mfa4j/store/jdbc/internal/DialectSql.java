package dev.mfa4j.store.jdbc.internal;

import dev.mfa4j.store.jdbc.Dialect;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Where the dialects differ. The statements themselves are in {@link AttemptSql} and
 * {@link ConfigurationSql}, next to this; they take from here (and from {@link Upsert}) the parts
 * that PostgreSQL and H2 spell differently.
 */
public final class DialectSql {

    private DialectSql() {
    }

    /**
     * Runs an insert on a table with a primary key, for H2, which has no {@code ON CONFLICT}
     * outside its PostgreSQL mode.
     *
     * @param insert the prepared insert, parameters set
     * @return whether it inserted a row (false: the key existed)
     * @throws SQLException for any failure but an existing key
     */
    public static boolean runInsertIfAbsent(PreparedStatement insert) throws SQLException {
        try {
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            if (SqlStates.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    /**
     * @param dialect the database
     * @param tables the table names
     * @return a statement deleting used-passcode rows that expired after its first parameter and at or before its
     *     second, at most as many as its third; on PostgreSQL a query answering how many it deleted and the latest
     *     expiry among them, on H2 an update (its count)
     */
    public static String purgeUsedPasscodes(Dialect dialect, Tables tables) {
        return switch (dialect) {
            // ORDER BY: without it the generic plan a server makes for a prepared statement (the driver prepares one
            // after a few runs) may read the table from the start until it finds enough expired rows, a cost that
            // grows with the table; ordered, it reads the oldest entries of the expiry index and stops.
            // The lower bound: the entries of rows deleted since the last vacuum stay at the start of that index, and
            // a scan from the start steps over every one of them; the store starts after what it swept last.
            // SKIP LOCKED: rows a claim is taking over, or another node's sweep is deleting, are left to them rather
            // than waited for, so sweeps on several nodes take different rows and never hold up a verification.
            case POSTGRESQL -> tables.expand("WITH gone AS (DELETE FROM ${prefix}used_passcode WHERE ctid = ANY (ARRAY("
                    + "SELECT ctid FROM ${prefix}used_passcode WHERE expires_at_us > ? AND expires_at_us <= ? "
                    + "ORDER BY expires_at_us LIMIT ? FOR UPDATE SKIP LOCKED)) RETURNING expires_at_us) "
                    + "SELECT COUNT(*), MAX(expires_at_us) FROM gone");
            case H2 -> tables.expand("DELETE FROM ${prefix}used_passcode WHERE expires_at_us > ? AND expires_at_us <= ? "
                    + "FETCH FIRST ? ROWS ONLY");
        };
    }
}
