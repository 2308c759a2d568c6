package dev.mfa4j.store.jdbc;

import org.junit.jupiter.api.BeforeAll;

class PostgresDatabaseGoesAwayTest extends DatabaseGoesAwayTest {

    @BeforeAll
    static void requirePostgres() {
        PostgresDatabase.require();
    }

    @Override
    TestDatabase database() {
        return PostgresDatabase.require();
    }
}
