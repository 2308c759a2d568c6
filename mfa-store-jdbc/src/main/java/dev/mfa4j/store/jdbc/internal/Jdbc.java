package dev.mfa4j.store.jdbc.internal;

import dev.mfa4j.api.StoreException;
import dev.mfa4j.api.spi.WithheldMessage;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Borrows a connection for one operation and turns {@link SQLException}s into
 * {@link StoreException}s whose message names the operation, the table prefix and the SQLState,
 * never a value.
 *
 * <p>Thread safe if the {@link DataSource} is: each operation takes its own connection and gives
 * it back before returning.
 */
public final class Jdbc {

    /** One operation on a connection. */
    @FunctionalInterface
    public interface Work<T> {
        /**
         * @param connection a connection, in the auto-commit mode the caller asked for
         * @return what the operation answers
         * @throws SQLException if the database fails
         */
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final String storeName;

    /**
     * @param dataSource where connections come from
     * @param storeName names the store in messages, such as {@code "JDBC MFA configuration store (prefix mfa_)"}
     */
    public Jdbc(DataSource dataSource, String storeName) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.storeName = Objects.requireNonNull(storeName, "storeName");
    }

    /**
     * Runs statements that each stand alone, in auto-commit mode.
     *
     * @param operation names the operation in a failure's message
     * @param work what to do
     * @return what the work answers
     * @throws StoreException if the database fails
     */
    public <T> T autoCommit(String operation, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            return work.run(connection);
        } catch (SQLException e) {
            throw failure(operation, e);
        }
    }

    /**
     * Runs statements in one transaction: committed if the work returns, rolled back if it throws
     * anything. An exception of the API (such as a revision conflict) passes through as it is.
     *
     * @param operation names the operation in a failure's message
     * @param work what to do
     * @return what the work answers
     * @throws StoreException if the database fails
     */
    public <T> T inTransaction(String operation, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T answer = work.run(connection);
                connection.commit();
                return answer;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                restoreAutoCommit(connection);
            }
        } catch (SQLException e) {
            throw failure(operation, e);
        }
    }

    /**
     * @param operation the operation that failed
     * @param e what the driver threw
     * @return a store exception naming the operation and the SQLState, with the driver's message withheld
     */
    public StoreException failure(String operation, SQLException e) {
        return new StoreException(storeName + " failed in " + operation + ": " + describe(e), withheld(e));
    }

    /**
     * @param failure what the driver threw
     * @return a copy of it and its causes without their messages, which can quote row values
     *     (PostgreSQL's duplicate key message does), with each one's SQLState and vendor code
     */
    public static WithheldMessage withheld(Throwable failure) {
        return WithheldMessage.of(failure, Jdbc::describe);
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

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(withheld(rollbackFailure));
        }
    }

    private static void restoreAutoCommit(Connection connection) {
        try {
            // A pool hands this connection to someone else next; leave it as pools expect.
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // The connection is broken; closing it is all that is left, and the pool discards it.
        }
    }
}
