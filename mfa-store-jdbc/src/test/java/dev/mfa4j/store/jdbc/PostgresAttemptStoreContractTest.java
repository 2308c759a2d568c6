package dev.mfa4j.store.jdbc;

import org.junit.jupiter.api.BeforeAll;

/** The contract on a real PostgreSQL server, a fresh table prefix per test. */
class PostgresAttemptStoreContractTest extends JdbcAttemptStoreContractTest {

    @BeforeAll
    static void requirePostgres() {
        PostgresDatabase.require();
    }

    @Override
    TestDatabase database() {
        return PostgresDatabase.require();
    }
}
