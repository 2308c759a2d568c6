/**
 * mfa4j's JDBC store: configurations, assignments and attempt state in a relational database
 * (PostgreSQL, H2), shared safely by several nodes. The host supplies the {@code DataSource} and
 * the driver.
 */
module dev.mfa4j.store.jdbc {
    requires transitive dev.mfa4j.api;
    requires transitive java.sql;
    requires org.slf4j;
    // The opt-in lookup cache of JdbcMfaConfigurationStore; not in any exported signature.
    requires com.github.benmanes.caffeine;

    exports dev.mfa4j.store.jdbc;
}
