package dev.mfa4j.store.jdbc;

import org.junit.jupiter.api.BeforeAll;

class PostgresTwoNodeTest extends TwoNodeTest {

    @BeforeAll
    static void requirePostgres() {
        PostgresDatabase.require();
    }

    @Override
    TestDatabase database() {
        return PostgresDatabase.require();
    }
}
