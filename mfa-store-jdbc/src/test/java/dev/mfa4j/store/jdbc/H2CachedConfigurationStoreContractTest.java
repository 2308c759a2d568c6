package dev.mfa4j.store.jdbc;

import java.time.Duration;

/**
 * The contract on H2 with the lookup cache on: its rules hold when lookups may be answered from
 * memory. What the cache may answer, and when, is {@link LookupCacheTest}'s.
 */
class H2CachedConfigurationStoreContractTest extends JdbcConfigurationStoreContractTest {

    @Override
    TestDatabase database() {
        return new H2Database();
    }

    @Override
    JdbcMfaConfigurationStore.Builder options(JdbcMfaConfigurationStore.Builder builder) {
        return builder.lookupCache(Duration.ofHours(1));
    }
}
