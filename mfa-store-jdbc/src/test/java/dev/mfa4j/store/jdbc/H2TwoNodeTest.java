package dev.mfa4j.store.jdbc;

class H2TwoNodeTest extends TwoNodeTest {

    @Override
    TestDatabase database() {
        return new H2Database();
    }
}
