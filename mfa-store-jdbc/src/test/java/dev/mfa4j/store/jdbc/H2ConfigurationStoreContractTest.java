package dev.mfa4j.store.jdbc;

/** The contract on H2 in memory, a fresh database per test. */
class H2ConfigurationStoreContractTest extends JdbcConfigurationStoreContractTest {

    @Override
    TestDatabase database() {
        return new H2Database();
    }
}
