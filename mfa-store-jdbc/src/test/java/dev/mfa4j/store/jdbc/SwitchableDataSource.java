package dev.mfa4j.store.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source whose database can be made to go away: once the given number of further
 * connections has been handed out, {@link #getConnection()} fails as a driver does when the server
 * is unreachable (SQLState 08001), until {@link #comeBack()}.
 */
final class SwitchableDataSource implements DataSource {

    private static final int UP = Integer.MAX_VALUE;

    private final DataSource real;
    private final AtomicInteger connectionsLeft = new AtomicInteger(UP);

    SwitchableDataSource(DataSource real) {
        this.real = real;
    }

    /** @param connections how many more connections succeed before the database is gone */
    void goAwayAfter(int connections) {
        connectionsLeft.set(connections);
    }

    void goAway() {
        goAwayAfter(0);
    }

    void comeBack() {
        connectionsLeft.set(UP);
    }

    private void check() throws SQLException {
        if (connectionsLeft.getAndUpdate(left -> left == UP || left == 0 ? left : left - 1) == 0) {
            throw new SQLException("Connection to 127.0.0.1:5432 refused (test)", "08001");
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        check();
        return real.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        check();
        return real.getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return real.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        real.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        real.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return real.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return real.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return real.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return real.isWrapperFor(type);
    }
}
