package dev.mfa4j.store.jdbc.internal;

import java.sql.SQLException;

/**
 * Stands in for a driver's exception as the cause of a {@code StoreException}: it keeps the class
 * name, the SQLState, the vendor code and the stack frames, of the exception and of its causes,
 * but never the message, because database messages can quote row values (PostgreSQL's duplicate
 * key message does), and a row value may be a secret.
 */
public final class WithheldSqlMessage extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final int MAX_DEPTH = 8;

    private WithheldSqlMessage(Throwable original) {
        // The cause is left unset (not null), so that of() can chain the copies of the causes.
        super(describe(original) + " (message withheld: it may quote row values)");
        setStackTrace(original.getStackTrace());
    }

    /**
     * @param original what the driver threw
     * @return a copy of it and its causes without their messages
     */
    public static WithheldSqlMessage of(Throwable original) {
        WithheldSqlMessage top = new WithheldSqlMessage(original);
        WithheldSqlMessage current = top;
        Throwable cause = original.getCause();
        for (int depth = 1; cause != null && cause != original && depth < MAX_DEPTH; depth++) {
            WithheldSqlMessage next = new WithheldSqlMessage(cause);
            current.initCause(next);
            current = next;
            cause = cause.getCause();
        }
        return top;
    }

    /**
     * @param failure what the driver threw
     * @return its class name, and its SQLState and vendor code when it is an {@link SQLException}
     */
    static String describe(Throwable failure) {
        if (failure instanceof SQLException sql) {
            return failure.getClass().getName() + " (SQLState " + sql.getSQLState() + ", vendor code " + sql.getErrorCode() + ")";
        }
        return failure.getClass().getName();
    }
}
