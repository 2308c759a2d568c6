package dev.mfa4j.store.jdbc;

import dev.mfa4j.api.spi.ManagementAuthorizer;
import dev.mfa4j.core.MfaService;
import dev.mfa4j.core.SealingKeys;
import dev.mfa4j.testkit.FakeMfaProvider;
import javax.sql.DataSource;

/**
 * One node of a host: its own data source (pool), JDBC stores and {@link MfaService}, and its own
 * fake provider, which records the requests that reached it.
 */
final class Node implements AutoCloseable {

    final SwitchableDataSource dataSource;
    final FakeMfaProvider provider = new FakeMfaProvider();
    final MfaService service;

    private Node(DataSource dataSource, String prefix, SealingKeys sealing) {
        this.dataSource = new SwitchableDataSource(dataSource);
        MfaService.Builder builder = MfaService.builder(ManagementAuthorizer.allowAll())
                .store(JdbcMfaConfigurationStore.builder(this.dataSource).tablePrefix(prefix).build())
                .attemptStore(JdbcAttemptStore.builder(this.dataSource).tablePrefix(prefix).build())
                .provider(provider)
                .discoverProviders(false)
                .discoverEventListeners(false);
        if (sealing != null) {
            builder.sealing(sealing);
        }
        this.service = builder.build();
    }

    static Node on(TestDatabase database, String prefix) {
        return new Node(database.newDataSource(), prefix, null);
    }

    static Node sealedOn(TestDatabase database, String prefix, SealingKeys sealing) {
        return new Node(database.newDataSource(), prefix, sealing);
    }

    @Override
    public void close() {
        service.close();
    }
}
