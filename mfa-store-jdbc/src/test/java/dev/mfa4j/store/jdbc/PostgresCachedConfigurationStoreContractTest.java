package dev.mfa4j.store.jdbc;

import java.time.Duration;

/** The contract on a real PostgreSQL server with the lookup cache on. */
class PostgresCachedConfigurationStoreContractTest extends JdbcConfigurationStoreContractTest {

    /** Skips (or, with CI=true, fails) each test when no server is reachable. */
    @Override
    TestDatabase database() {
        return PostgresDatabase.require();
    }

    @Override
    JdbcMfaConfigurationStore.Builder options(JdbcMfaConfigurationStore.Builder builder) {
        return builder.lookupCache(Duration.ofHours(1));
    }
}
