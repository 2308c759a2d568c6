package dev.mfa4j.store.jdbc;

class H2PurgeTest extends PurgeTest {

    @Override
    TestDatabase database() {
        return new H2Database();
    }
}
