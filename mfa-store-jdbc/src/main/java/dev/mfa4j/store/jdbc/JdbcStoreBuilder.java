package dev.mfa4j.store.jdbc;

import dev.mfa4j.api.StoreException;
import dev.mfa4j.store.jdbc.internal.StoreSetup;
import dev.mfa4j.store.jdbc.internal.Tables;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The options both JDBC stores take: the data source, a table prefix, the dialect and whether to
 * migrate the schema. Not thread safe; build once at start-up.
 *
 * @param <S> the store built
 * @param <B> the concrete builder, so option methods chain
 * @since 0.1.0
 */
public abstract class JdbcStoreBuilder<S, B extends JdbcStoreBuilder<S, B>> {

    private final DataSource dataSource;
    private final String storeName;
    private String tablePrefix = Tables.DEFAULT_PREFIX;
    private Dialect dialect;
    private boolean migrate = true;

    JdbcStoreBuilder(DataSource dataSource, String storeName) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.storeName = storeName;
    }

    /** @return this builder, as its concrete type */
    abstract B self();

    /**
     * @param setup the connected, migrated (or checked) schema
     * @return the store
     */
    abstract S create(StoreSetup setup);

    /**
     * @param prefix put before every table name: a lower-case letter, then up to 20 lower-case
     *     letters, digits or {@code _}; {@code mfa_} by default. Checked at {@link #build()}; it is
     *     the only text that goes into SQL unparameterized.
     * @return this builder
     */
    public B tablePrefix(String prefix) {
        this.tablePrefix = Objects.requireNonNull(prefix, "prefix");
        return self();
    }

    /**
     * @param dialect the database; by default asked of the database's metadata at {@link #build()}
     * @return this builder
     */
    public B dialect(Dialect dialect) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        return self();
    }

    /**
     * @param migrate true (the default) to create or upgrade the tables at {@link #build()};
     *     false to only check that they are at the version this library needs, for hosts whose
     *     application user may not change the schema
     * @return this builder
     */
    public B migrate(boolean migrate) {
        this.migrate = migrate;
        return self();
    }

    /**
     * Connects once to detect the dialect (unless given) and to create, upgrade or check the
     * schema.
     *
     * @return the store
     * @throws IllegalArgumentException if the table prefix is malformed
     * @throws StoreException if the database cannot be reached, is neither PostgreSQL nor H2, or
     *     its schema is missing (with migrate off), older than needed (with migrate off) or newer
     *     than this library
     */
    public S build() {
        return create(StoreSetup.open(dataSource, tablePrefix, dialect, migrate, storeName));
    }
}
