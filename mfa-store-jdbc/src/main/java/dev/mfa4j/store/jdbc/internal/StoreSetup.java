package dev.mfa4j.store.jdbc.internal;

import dev.mfa4j.api.StoreException;
import dev.mfa4j.store.jdbc.Dialect;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * What both stores do when they are built: check the prefix, find the dialect, and create,
 * upgrade or check the schema.
 *
 * @param jdbc the database, with failures named after the store
 * @param dialect the database's dialect
 * @param tables the table names
 */
public record StoreSetup(Jdbc jdbc, Dialect dialect, Tables tables) {

    /**
     * @param dataSource the host's data source
     * @param prefix the table prefix, unchecked yet
     * @param dialect the dialect, or null to ask the database
     * @param migrate whether to create or upgrade the schema, rather than only check it
     * @param storeName names the store in messages
     * @return the setup
     * @throws IllegalArgumentException if the prefix is malformed
     * @throws StoreException if the database cannot be reached, is not a supported one, or its
     *     schema is not usable
     */
    public static StoreSetup open(DataSource dataSource, String prefix, Dialect dialect, boolean migrate, String storeName) {
        Objects.requireNonNull(dataSource, "dataSource");
        Tables tables = new Tables(prefix);
        Jdbc jdbc = new Jdbc(dataSource, storeName + " (table prefix " + tables.prefix() + ")");
        Dialect chosen = dialect != null ? dialect : detect(jdbc);
        if (migrate) {
            Schema.migrate(jdbc, chosen, tables);
        } else {
            Schema.verify(jdbc, tables);
        }
        return new StoreSetup(jdbc, chosen, tables);
    }

    private static Dialect detect(Jdbc jdbc) {
        String product = jdbc.autoCommit("database detection", connection -> connection.getMetaData().getDatabaseProductName());
        return Dialect.forProductName(product).orElseThrow(() -> new StoreException("the database is " + product
                + ", which mfa-store-jdbc does not support; supported are PostgreSQL and H2"));
    }
}
