package dev.mfa4j.store.jdbc;

class H2AttemptRaceTest extends AttemptRaceTest {

    @Override
    TestDatabase database() {
        return new H2Database();
    }
}
