package dev.mfa4j.store.jdbc.internal;

import java.sql.SQLException;

/**
 * The SQLStates the stores act on. PostgreSQL and H2 both use the standard codes for these, so
 * the stores never parse a driver's message.
 */
public final class SqlStates {

    private SqlStates() {
    }

    /**
     * @param e a failure
     * @return whether it is a unique or primary key violation (23505)
     */
    public static boolean isUniqueViolation(SQLException e) {
        return has(e, "23505");
    }

    /**
     * @param e a failure
     * @return whether it is a foreign key violation (23503; H2 also uses 23506 for a missing parent)
     */
    public static boolean isForeignKeyViolation(SQLException e) {
        return has(e, "23503") || has(e, "23506");
    }

    private static boolean has(SQLException e, String state) {
        for (SQLException current = e; current != null; current = current.getNextException()) {
            if (state.equals(current.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
