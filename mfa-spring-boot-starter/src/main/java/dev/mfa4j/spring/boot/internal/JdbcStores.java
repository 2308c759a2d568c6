package dev.mfa4j.spring.boot.internal;

import dev.mfa4j.api.spi.AttemptStore;
import dev.mfa4j.api.spi.EnrollmentStore;
import dev.mfa4j.api.spi.MfaConfigurationStore;
import dev.mfa4j.spring.boot.MfaProperties;
import dev.mfa4j.store.jdbc.JdbcAttemptStore;
import dev.mfa4j.store.jdbc.JdbcEnrollmentStore;
import dev.mfa4j.store.jdbc.JdbcMfaConfigurationStore;
import javax.sql.DataSource;

/** Builds mfa-store-jdbc's stores. Loaded only when {@link StoreKind#JDBC} was chosen, so only when the jar is there. */
public final class JdbcStores {

    private JdbcStores() {
    }

    /**
     * @param dataSource the application's
     * @param jdbc the settings
     * @return the configuration store (its tables created or upgraded unless {@code migrate} is false),
     *     with the lookup cache the settings ask for
     */
    public static MfaConfigurationStore configurations(DataSource dataSource, MfaProperties.Jdbc jdbc) {
        return JdbcMfaConfigurationStore.builder(dataSource).tablePrefix(jdbc.getTablePrefix()).migrate(jdbc.isMigrate())
                .lookupCache(jdbc.getLookupCache()).build();
    }

    /**
     * @param dataSource the application's
     * @param jdbc the settings
     * @return the attempt store
     */
    public static AttemptStore attempts(DataSource dataSource, MfaProperties.Jdbc jdbc) {
        return JdbcAttemptStore.builder(dataSource).tablePrefix(jdbc.getTablePrefix()).migrate(jdbc.isMigrate()).build();
    }

    /**
     * @param dataSource the application's
     * @param jdbc the settings
     * @return the enrollment store
     */
    public static EnrollmentStore enrollments(DataSource dataSource, MfaProperties.Jdbc jdbc) {
        return JdbcEnrollmentStore.builder(dataSource).tablePrefix(jdbc.getTablePrefix()).migrate(jdbc.isMigrate()).build();
    }
}
