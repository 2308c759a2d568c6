package dev.mfa4j.spring.boot.internal;

import dev.mfa4j.spring.boot.MfaProperties;
import dev.mfa4j.spring.boot.MfaProperties.StoreType;

/** Which stores the auto-configuration builds, from the properties and what the application has. */
public enum StoreKind {
    /** In memory. */
    MEMORY,
    /** A store file and its attempt file. */
    FILE,
    /** The application's DataSource. */
    JDBC;

    /** mfa-store-jdbc's configuration store, looked for by name so that the jar stays optional. */
    static final String JDBC_STORE_CLASS = "dev.mfa4j.store.jdbc.JdbcMfaConfigurationStore";

    /**
     * @param properties the {@code mfa4j.*} properties
     * @param hasDataSource whether the application has a DataSource bean
     * @param classLoader where mfa-store-jdbc would be
     * @return the kind of store
     * @throws IllegalStateException if the properties ask for a store that cannot be built
     */
    public static StoreKind choose(MfaProperties properties, boolean hasDataSource, ClassLoader classLoader) {
        StoreType type = properties.getStore().getType();
        boolean jdbcPresent = isPresent(classLoader);
        switch (type) {
            case MEMORY:
                return MEMORY;
            case FILE:
                if (properties.getStore().getFile() == null) {
                    throw new IllegalStateException("mfa4j.store.type is file, but mfa4j.store.file is not set: name the store file");
                }
                return FILE;
            case JDBC:
                if (!jdbcPresent) {
                    throw new IllegalStateException("mfa4j.store.type is jdbc, but dev.mfa4j:mfa-store-jdbc is not on the class path: add it");
                }
                if (!hasDataSource) {
                    throw new IllegalStateException("mfa4j.store.type is jdbc, but the application has no DataSource bean: configure "
                            + "spring.datasource.* or define one");
                }
                return JDBC;
            default:
                if (hasDataSource && jdbcPresent) {
                    return JDBC;
                }
                return properties.getStore().getFile() != null ? FILE : MEMORY;
        }
    }

    private static boolean isPresent(ClassLoader classLoader) {
        try {
            Class.forName(JDBC_STORE_CLASS, false, classLoader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
