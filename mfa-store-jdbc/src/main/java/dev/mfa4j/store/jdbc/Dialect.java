package dev.mfa4j.store.jdbc;

import java.util.Locale;
import java.util.Optional;

/**
 * The databases the JDBC stores know how to use. Each has its own schema scripts; the SQL the
 * stores run is otherwise the same.
 *
 * @since 0.1.0
 */
public enum Dialect {
    /** PostgreSQL 12 or later: the database for several nodes. */
    POSTGRESQL("postgresql"),
    /** H2 2.x, embedded: for tests, demos and single-node hosts. */
    H2("h2");

    private final String folder;

    Dialect(String folder) {
        this.folder = folder;
    }

    /**
     * @return the folder of this dialect's schema scripts, under {@code dev/mfa4j/store/jdbc/}
     *     in the jar
     */
    public String scriptFolder() {
        return folder;
    }

    /**
     * @param productName what {@link java.sql.DatabaseMetaData#getDatabaseProductName()} says
     * @return the dialect for that product, or empty if it is none of these
     */
    public static Optional<Dialect> forProductName(String productName) {
        if (productName == null) {
            return Optional.empty();
        }
        String name = productName.strip().toLowerCase(Locale.ROOT);
        if (name.equals("postgresql")) {
            return Optional.of(POSTGRESQL);
        }
        if (name.equals("h2")) {
            return Optional.of(H2);
        }
        return Optional.empty();
    }
}
