package dev.mfa4j.store.jdbc;

import dev.mfa4j.api.spi.AttemptStore;
import dev.mfa4j.testkit.AttemptStoreContract;
import org.junit.jupiter.api.AfterEach;

/**
 * The testkit's attempt store contract, on each database. The second node is a second store over
 * its own data source (its own connections) to the same tables, as another node would have.
 */
abstract class JdbcAttemptStoreContractTest extends AttemptStoreContract {

    private TestDatabase database;
    private String prefix;

    /** @return the database for the next test */
    abstract TestDatabase database();

    @Override
    protected AttemptStore newStore() {
        database = database();
        prefix = TestDatabase.freshPrefix();
        return JdbcAttemptStore.builder(database.newDataSource()).tablePrefix(prefix).build();
    }

    @Override
    protected AttemptStore secondNodeView() {
        // The second node finds the schema in place: it only checks it, and names its dialect itself.
        return JdbcAttemptStore.builder(database.newDataSource()).tablePrefix(prefix).dialect(database.dialect()).migrate(false).build();
    }

    @AfterEach
    void dropTables() {
        if (database != null) {
            database.cleanUp(prefix);
        }
    }
}
