package dev.mfa4j.store.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.ConnectionEvent;
import javax.sql.ConnectionEventListener;
import javax.sql.ConnectionPoolDataSource;
import javax.sql.DataSource;
import javax.sql.PooledConnection;

/**
 * The smallest connection pool over a driver's {@link ConnectionPoolDataSource}, as a host's pool
 * would be: connections are reused, so the stores must hand them back in the state they found
 * them. (No pool library is a dependency; PostgreSQL's own data source opens a connection per call.)
 */
final class TestPool implements DataSource {

    private final ConnectionPoolDataSource source;
    private volatile boolean closed;
    private final Semaphore permits;
    private final LinkedBlockingQueue<PooledConnection> idle = new LinkedBlockingQueue<>();
    private final ConnectionEventListener listener = new ConnectionEventListener() {
        @Override
        public void connectionClosed(ConnectionEvent event) {
            PooledConnection pooled = (PooledConnection) event.getSource();
            if (closed) {
                closeQuietly(pooled);
            } else {
                idle.add(pooled);
            }
            permits.release();
        }

        @Override
        public void connectionErrorOccurred(ConnectionEvent event) {
            PooledConnection broken = (PooledConnection) event.getSource();
            broken.removeConnectionEventListener(this);
            closeQuietly(broken);
            permits.release();
        }
    };

    TestPool(ConnectionPoolDataSource source, int size) {
        this.source = source;
        this.permits = new Semaphore(size);
    }

    @Override
    public Connection getConnection() throws SQLException {
        try {
            if (!permits.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new SQLException("no connection free within 30 s", "08001");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted", "08001", e);
        }
        try {
            PooledConnection pooled = idle.poll();
            if (pooled == null) {
                pooled = source.getPooledConnection();
                pooled.addConnectionEventListener(listener);
            }
            return pooled.getConnection();
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /** Closes the idle connections; connections in use are closed when they come back. */
    void close() {
        closed = true;
        for (PooledConnection pooled = idle.poll(); pooled != null; pooled = idle.poll()) {
            closeQuietly(pooled);
        }
    }

    private static void closeQuietly(PooledConnection pooled) {
        try {
            pooled.close();
        } catch (SQLException ignored) {
            // Closing is all we wanted.
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return false;
    }
}
