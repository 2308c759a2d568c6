package dev.mfa4j.store.jdbc;

/** The contract on a real PostgreSQL server, a fresh table prefix per test. */
class PostgresAttemptStoreContractTest extends JdbcAttemptStoreContractTest {

    /** Skips (or, with CI=true, fails) each test when no server is reachable. */
    @Override
    TestDatabase database() {
        return PostgresDatabase.require();
    }
}
