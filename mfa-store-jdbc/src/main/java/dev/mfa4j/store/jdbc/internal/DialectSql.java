package dev.mfa4j.store.jdbc.internal;

import dev.mfa4j.store.jdbc.Dialect;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The few statements that differ between dialects; everything else is the same SQL on both. */
public final class DialectSql {

    private DialectSql() {
    }

    /**
     * @param dialect the database
     * @param insert an {@code INSERT ... VALUES (...)} on a table with a primary key
     * @return the insert, made to do nothing (rather than fail) on PostgreSQL when the key exists
     */
    public static String insertIfAbsent(Dialect dialect, String insert) {
        // On PostgreSQL a failed statement would also print an error in the server's log; H2 has no such clause outside its
        // PostgreSQL mode, and its failure is caught by runInsertIfAbsent.
        return dialect == Dialect.POSTGRESQL ? insert + " ON CONFLICT DO NOTHING" : insert;
    }

    /**
     * Runs a statement made by {@link #insertIfAbsent}.
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
     * @return a statement deleting used-passcode rows that expired at or before its first parameter, at most as many
     *     as its second
     */
    public static String purgeUsedPasscodes(Dialect dialect, Tables tables) {
        return switch (dialect) {
            case POSTGRESQL -> tables.expand("DELETE FROM ${prefix}used_passcode WHERE ctid = ANY (ARRAY(SELECT ctid FROM "
                    + "${prefix}used_passcode WHERE expires_at_us <= ? LIMIT ?))");
            case H2 -> tables.expand("DELETE FROM ${prefix}used_passcode WHERE expires_at_us <= ? FETCH FIRST ? ROWS ONLY");
        };
    }
}
