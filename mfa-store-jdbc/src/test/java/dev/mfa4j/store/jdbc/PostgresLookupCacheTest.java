package dev.mfa4j.store.jdbc;

class PostgresLookupCacheTest extends LookupCacheTest {

    /** Skips (or, with CI=true, fails) each test when no server is reachable. */
    @Override
    TestDatabase database() {
        return PostgresDatabase.require();
    }
}
