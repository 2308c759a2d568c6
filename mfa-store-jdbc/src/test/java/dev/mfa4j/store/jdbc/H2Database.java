package dev.mfa4j.store.jdbc;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;

/** A fresh H2 database in memory, kept until the JVM ends, that several data sources can share. */
final class H2Database implements TestDatabase {

    private final List<JdbcConnectionPool> pools = new CopyOnWriteArrayList<>();
    private final String url = "jdbc:h2:mem:mfa4j-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";

    /** H2's own pool, as a node would have. */
    @Override
    public DataSource newDataSource() {
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
        pool.setMaxConnections(20);
        pools.add(pool);
        return pool;
    }

    @Override
    public void closeDataSources() {
        pools.forEach(JdbcConnectionPool::dispose);
        pools.clear();
    }

    @Override
    public Dialect dialect() {
        return Dialect.H2;
    }
}
