package dev.mfa4j.store.jdbc;

import dev.mfa4j.api.spi.MfaConfigurationStore;
import dev.mfa4j.testkit.MfaConfigurationStoreContract;
import org.junit.jupiter.api.AfterEach;

/** The testkit's store contract, on each database; subclasses name the database. */
abstract class JdbcConfigurationStoreContractTest extends MfaConfigurationStoreContract {

    private TestDatabase database;
    private String prefix;

    /** @return the database for the next test */
    abstract TestDatabase database();

    @Override
    protected MfaConfigurationStore newStore() {
        database = database();
        prefix = TestDatabase.freshPrefix();
        return options(JdbcMfaConfigurationStore.builder(database.newDataSource()).tablePrefix(prefix)).build();
    }

    /**
     * @param builder the store's builder, data source and prefix set
     * @return it with the options under test; none by default
     */
    JdbcMfaConfigurationStore.Builder options(JdbcMfaConfigurationStore.Builder builder) {
        return builder;
    }

    @AfterEach
    void dropTables() {
        if (database != null) {
            database.cleanUp(prefix);
        }
    }
}
