package dev.mfa4j.store.jdbc;

class H2SealedRowsTest extends SealedRowsTest {

    @Override
    TestDatabase database() {
        return new H2Database();
    }
}
