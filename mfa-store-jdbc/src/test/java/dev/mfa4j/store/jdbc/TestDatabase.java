package dev.mfa4j.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;

/** A database the tests run against: H2 in memory always, PostgreSQL when one is reachable. */
interface TestDatabase {

    /** @return a new data source to the database, as another node would have its own pool */
    DataSource newDataSource();

    /** @return the dialect */
    Dialect dialect();

    /** @return a table prefix no other test uses, so tests sharing a database do not see each other */
    static String freshPrefix() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_";
    }

    /** Closes every data source made so far, so that idle connections do not pile up on the server. */
    void closeDataSources();

    /**
     * After a test: drops the tables of its prefix and closes its data sources.
     *
     * @param prefix the prefix
     */
    default void cleanUp(String prefix) {
        dropTables(prefix);
        closeDataSources();
    }

    /**
     * Drops the tables of one prefix.
     *
     * @param prefix the prefix
     */
    default void dropTables(String prefix) {
        try (Connection connection = newDataSource().getConnection(); Statement statement = connection.createStatement()) {
            for (String table : new String[] {"enrollment_value", "enrollment", "assignment", "configuration_option", "configuration", "attempt",
                    "used_passcode", "change_count",
                    "schema_version"}) {
                statement.execute("DROP TABLE IF EXISTS " + prefix + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop the test tables with prefix " + prefix, e);
        }
    }
}
