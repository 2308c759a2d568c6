package dev.mfa4j.store.jdbc;

class H2DatabaseGoesAwayTest extends DatabaseGoesAwayTest {

    @Override
    TestDatabase database() {
        return new H2Database();
    }
}
