package dev.mfa4j.store.jdbc;

/** The enrollment store contract on H2 in memory, a fresh database per test. */
class H2EnrollmentStoreContractTest extends JdbcEnrollmentStoreContractTest {

    @Override
    TestDatabase database() {
        return new H2Database();
    }
}
