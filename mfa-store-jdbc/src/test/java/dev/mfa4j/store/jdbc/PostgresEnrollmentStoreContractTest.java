package dev.mfa4j.store.jdbc;

/** The enrollment store contract on a real PostgreSQL server, a fresh table prefix per test. */
class PostgresEnrollmentStoreContractTest extends JdbcEnrollmentStoreContractTest {

    /** Skips (or, with CI=true, fails) each test when no server is reachable. */
    @Override
    TestDatabase database() {
        return PostgresDatabase.require();
    }
}
