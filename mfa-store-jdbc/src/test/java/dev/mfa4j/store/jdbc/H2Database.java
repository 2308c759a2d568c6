package dev.mfa4j.store.jdbc;

import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** A fresh H2 database in memory, kept until the JVM ends, that several data sources can share. */
final class H2Database implements TestDatabase {

    private final String url = "jdbc:h2:mem:mfa4j-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";

    @Override
    public DataSource newDataSource() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("sa");
        dataSource.setPassword("");
        return dataSource;
    }

    @Override
    public Dialect dialect() {
        return Dialect.H2;
    }
}
