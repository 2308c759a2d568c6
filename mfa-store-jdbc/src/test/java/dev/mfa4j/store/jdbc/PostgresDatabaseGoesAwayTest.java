package dev.mfa4j.store.jdbc;

class PostgresDatabaseGoesAwayTest extends DatabaseGoesAwayTest {

    /** Skips (or, with CI=true, fails) each test when no server is reachable. */
    @Override
    TestDatabase database() {
        return PostgresDatabase.require();
    }
}
