package dev.mfa4j.store.jdbc.internal;

import dev.mfa4j.store.jdbc.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;

/**
 * "Change the row if its condition holds, or create it if there is none", as one atomic step
 * whatever other nodes do at the same time. Every check-and-change of the attempt store is one.
 *
 * <ul>
 *   <li>PostgreSQL: one statement, one round trip:
 *       {@code INSERT INTO t AS a (...) VALUES (...) ON CONFLICT (key) DO UPDATE SET ... WHERE condition}.
 *       The database locks the existing row and checks the condition on it as the previous
 *       writer left it, so it inserts, or updates, or (the condition false) does neither.</li>
 *   <li>H2 (embedded: no network, so a second statement costs no round trip): {@code UPDATE t a
 *       SET ... WHERE (condition) AND key}, and if that changed nothing, the {@code INSERT}, whose
 *       duplicate key is caught. A row that another caller inserted between the two makes
 *       both change nothing: the caller reads why and, if the row admits it after all, runs the
 *       step again.</li>
 * </ul>
 *
 * The SET and condition texts name the existing row's columns through the table alias
 * ({@code a.failures}), which both statements give it.
 *
 * @param dialect the database
 * @param upsert the PostgreSQL statement, or null on H2
 * @param update the H2 update, or null on PostgreSQL
 * @param insert the H2 insert, or null on PostgreSQL
 */
public record Upsert(Dialect dialect, String upsert, String update, String insert) {

    /** Sets some of a statement's parameters, starting at {@code first}; returns the next index. */
    @FunctionalInterface
    public interface Parameters {
        /**
         * @param statement the statement
         * @param first the index of the first parameter to set
         * @return the index after the last one set
         * @throws SQLException if the driver refuses a value
         */
        int set(PreparedStatement statement, int first) throws SQLException;
    }

    /**
     * @param dialect the database
     * @param table the table name, prefix included
     * @param alias the alias the SET and condition texts use for the existing row
     * @param columns the inserted columns, comma separated, the key columns first
     * @param values the inserted values, such as {@code ?, 1, ?, 0}
     * @param key the primary key columns, comma separated
     * @param set the assignments applied to an existing row
     * @param condition when an existing row is changed
     * @return the statements for that dialect
     */
    public static Upsert of(Dialect dialect, String table, String alias, String columns, String values, String key, String set,
            String condition) {
        return switch (dialect) {
            case POSTGRESQL -> new Upsert(dialect, "INSERT INTO " + table + " AS " + alias + " (" + columns + ") VALUES (" + values
                    + ") ON CONFLICT (" + key + ") DO UPDATE SET " + set + " WHERE " + condition, null, null);
            case H2 -> {
                StringBuilder keyMatch = new StringBuilder();
                for (String column : key.split(",")) {
                    keyMatch.append(" AND ").append(alias).append('.').append(column.strip()).append(" = ?");
                }
                yield new Upsert(dialect, null, "UPDATE " + table + " " + alias + " SET " + set + " WHERE (" + condition + ")" + keyMatch,
                        "INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ")");
            }
        };
    }

    /**
     * Runs the step.
     *
     * @param connection a connection in auto-commit mode
     * @param values the inserted values' parameters
     * @param change the SET's parameters, then the condition's
     * @param key the key's parameters (H2's update matches the row by them)
     * @return true if a row was inserted or changed; false if the row exists and its condition
     *     is false (or, on H2, another caller inserted it meanwhile)
     * @throws SQLException if the database fails
     */
    public boolean run(Connection connection, Parameters values, Parameters change, Parameters key) throws SQLException {
        Objects.requireNonNull(connection, "connection");
        if (upsert != null) {
            try (PreparedStatement statement = connection.prepareStatement(upsert)) {
                change.set(statement, values.set(statement, 1));
                return statement.executeUpdate() == 1;
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(update)) {
            key.set(statement, change.set(statement, 1));
            if (statement.executeUpdate() == 1) {
                return true;
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            values.set(statement, 1);
            return DialectSql.runInsertIfAbsent(statement);
        }
    }
}
