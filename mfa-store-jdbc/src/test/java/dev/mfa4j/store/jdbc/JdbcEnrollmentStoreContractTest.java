package dev.mfa4j.store.jdbc;

import dev.mfa4j.api.spi.EnrollmentStore;
import dev.mfa4j.testkit.EnrollmentStoreContract;
import org.junit.jupiter.api.AfterEach;

/** The testkit's enrollment store contract, on each database; subclasses name the database. */
abstract class JdbcEnrollmentStoreContractTest extends EnrollmentStoreContract {

    private TestDatabase database;
    private String prefix;

    /** @return the database for the next test */
    abstract TestDatabase database();

    @Override
    protected EnrollmentStore newStore() {
        database = database();
        prefix = TestDatabase.freshPrefix();
        return JdbcEnrollmentStore.builder(database.newDataSource()).tablePrefix(prefix).build();
    }

    @AfterEach
    void dropTables() {
        if (database != null) {
            database.cleanUp(prefix);
        }
    }
}
