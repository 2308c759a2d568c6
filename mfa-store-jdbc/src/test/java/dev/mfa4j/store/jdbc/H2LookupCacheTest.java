package dev.mfa4j.store.jdbc;

class H2LookupCacheTest extends LookupCacheTest {

    @Override
    TestDatabase database() {
        return new H2Database();
    }
}
