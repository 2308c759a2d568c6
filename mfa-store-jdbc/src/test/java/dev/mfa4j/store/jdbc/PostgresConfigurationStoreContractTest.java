package dev.mfa4j.store.jdbc;

import org.junit.jupiter.api.BeforeAll;

/** The contract on a real PostgreSQL server, a fresh table prefix per test. */
class PostgresConfigurationStoreContractTest extends JdbcConfigurationStoreContractTest {

    @BeforeAll
    static void requirePostgres() {
        PostgresDatabase.require();
    }

    @Override
    TestDatabase database() {
        return PostgresDatabase.require();
    }
}
