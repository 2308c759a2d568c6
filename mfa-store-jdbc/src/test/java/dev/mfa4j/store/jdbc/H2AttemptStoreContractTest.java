package dev.mfa4j.store.jdbc;

/** The contract on H2 in memory, a fresh database per test. */
class H2AttemptStoreContractTest extends JdbcAttemptStoreContractTest {

    @Override
    TestDatabase database() {
        return new H2Database();
    }
}
