package dev.mfa4j.store.jdbc;

import org.junit.jupiter.api.BeforeAll;

class PostgresAttemptRaceTest extends AttemptRaceTest {

    @BeforeAll
    static void requirePostgres() {
        PostgresDatabase.require();
    }

    @Override
    TestDatabase database() {
        return PostgresDatabase.require();
    }
}
