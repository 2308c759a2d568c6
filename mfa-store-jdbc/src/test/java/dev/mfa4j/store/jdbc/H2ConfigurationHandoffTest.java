package dev.mfa4j.store.jdbc;

class H2ConfigurationHandoffTest extends ConfigurationHandoffTest {

    @Override
    TestDatabase database() {
        return new H2Database();
    }
}
