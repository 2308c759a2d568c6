package dev.mfa4j.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.PooledConnection;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * The PostgreSQL server named by {@code MFA4J_TEST_POSTGRES_URL} (with {@code _USER} and
 * {@code _PASSWORD}), as {@code .ci/postgres.sh start} prints them. Outside CI, tests skip with a
 * message when none is set or reachable; with {@code CI=true} that is a failure, so CI cannot pass
 * without having run them.
 */
final class PostgresDatabase implements TestDatabase {

    static final String URL = "MFA4J_TEST_POSTGRES_URL";
    static final String USER = "MFA4J_TEST_POSTGRES_USER";
    static final String PASSWORD = "MFA4J_TEST_POSTGRES_PASSWORD";

    private static PostgresDatabase instance;
    private static String unavailable;
    private static boolean told;

    private final List<TestPool> pools = new CopyOnWriteArrayList<>();
    private final String url;
    private final String user;
    private final String password;

    private PostgresDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /**
     * The server, or the calling test skipped (outside CI) or failed (in CI).
     *
     * @return the database
     */
    static synchronized PostgresDatabase require() {
        if (instance == null && unavailable == null) {
            connect();
        }
        if (instance != null) {
            return instance;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but the PostgreSQL tests cannot run: " + unavailable
                    + ". .ci/run starts a server with .ci/postgres.sh and exports " + URL + ".");
        }
        String message = "PostgreSQL tests skipped: " + unavailable + ". Run `eval \"$(.ci/postgres.sh start)\"` (or set " + URL
                + ", " + USER + " and " + PASSWORD + ") to run them; `bash .ci/run` does it for you.";
        if (!told) {
            told = true;
            // Once, where a developer sees it; the skipped tests carry it too.
            System.err.println(message);
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    private static void connect() {
        String url = System.getenv(URL);
        if (url == null || url.isBlank()) {
            unavailable = URL + " is not set";
            return;
        }
        PostgresDatabase candidate = new PostgresDatabase(url, System.getenv(USER), System.getenv(PASSWORD));
        try {
            PooledConnection pooled = candidate.driverDataSource().getPooledConnection();
            try (Connection connection = pooled.getConnection()) {
                connection.isValid(5);
            } finally {
                pooled.close();
            }
            instance = candidate;
        } catch (SQLException e) {
            unavailable = "no PostgreSQL server answered at " + url + " (SQLState " + e.getSQLState() + ")";
        }
    }

    /** A pool of its own, as each node has. */
    @Override
    public DataSource newDataSource() {
        TestPool pool = new TestPool(driverDataSource(), 20);
        pools.add(pool);
        return pool;
    }

    @Override
    public void closeDataSources() {
        pools.forEach(TestPool::close);
        pools.clear();
    }

    private PGConnectionPoolDataSource driverDataSource() {
        PGConnectionPoolDataSource dataSource = new PGConnectionPoolDataSource();
        dataSource.setURL(url);
        if (user != null) {
            dataSource.setUser(user);
        }
        if (password != null) {
            dataSource.setPassword(password);
        }
        dataSource.setConnectTimeout(10);
        dataSource.setSocketTimeout(60);
        return dataSource;
    }

    @Override
    public Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
