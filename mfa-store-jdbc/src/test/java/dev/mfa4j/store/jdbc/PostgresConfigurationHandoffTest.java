package dev.mfa4j.store.jdbc;

class PostgresConfigurationHandoffTest extends ConfigurationHandoffTest {

    /** Skips (or, with CI=true, fails) each test when no server is reachable. */
    @Override
    TestDatabase database() {
        return PostgresDatabase.require();
    }
}
