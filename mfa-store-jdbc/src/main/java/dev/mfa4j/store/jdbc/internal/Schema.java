package dev.mfa4j.store.jdbc.internal;

import dev.mfa4j.api.StoreException;
import dev.mfa4j.store.jdbc.Dialect;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates or upgrades the store's tables with the versioned scripts under
 * {@code dev/mfa4j/store/jdbc/<dialect>/V<n>__<description>.sql}, and records each applied
 * version in {@code <prefix>schema_version}.
 *
 * <p>Several nodes may start at once: on PostgreSQL the migration holds an advisory lock for its
 * transaction (DDL is transactional there); on H2 (embedded, one process) a lock in this JVM.
 * Every script statement is idempotent, so a repeat is harmless either way.
 */
public final class Schema {

    /** One script. */
    record Migration(int version, String description) {
        String resource(Dialect dialect) {
            return "/dev/mfa4j/store/jdbc/" + dialect.scriptFolder() + "/V" + version + "__" + description.replace(' ', '_') + ".sql";
        }
    }

    /** Every script, in order. A new version adds a line here and a script per dialect. */
    private static final List<Migration> MIGRATIONS = List.of(new Migration(1, "initial schema"), new Migration(2, "enrollments"),
            new Migration(3, "change count"));

    /** The schema version this code reads and writes. */
    public static final int CURRENT_VERSION = MIGRATIONS.get(MIGRATIONS.size() - 1).version();

    private static final Logger LOG = LoggerFactory.getLogger(Schema.class);
    private static final Object H2_LOCK = new Object();
    /** "mfa4" in the high half of the advisory lock key, the prefix's hash in the low half. */
    private static final long ADVISORY_LOCK_BASE = 0x6D666134L << 32;

    private Schema() {
    }

    /**
     * Brings the schema to {@link #CURRENT_VERSION}.
     *
     * @param jdbc the database
     * @param dialect its dialect
     * @param tables the table names
     * @throws StoreException if the database fails, or holds a newer schema than this code knows
     */
    public static void migrate(Jdbc jdbc, Dialect dialect, Tables tables) {
        if (dialect == Dialect.H2) {
            synchronized (H2_LOCK) {
                jdbc.inTransaction("schema migration", connection -> apply(connection, dialect, tables));
            }
        } else {
            jdbc.inTransaction("schema migration", connection -> apply(connection, dialect, tables));
        }
    }

    /**
     * Checks, without changing anything, that the schema is at {@link #CURRENT_VERSION}.
     *
     * @param jdbc the database
     * @param tables the table names
     * @throws StoreException if it is missing, older or newer
     */
    public static void verify(Jdbc jdbc, Tables tables) {
        int version;
        try {
            version = jdbc.autoCommit("schema check", connection -> appliedVersion(connection, tables));
        } catch (StoreException e) {
            throw new StoreException("the mfa4j tables with prefix " + tables.prefix() + " could not be read (" + e.getMessage()
                    + "); create them by building a store with migrate(true), or by applying the scripts under dev/mfa4j/store/jdbc/ "
                    + "in the mfa-store-jdbc jar", e.getCause());
        }
        if (version != CURRENT_VERSION) {
            throw versionMismatch(tables, version);
        }
    }

    private static Void apply(Connection connection, Dialect dialect, Tables tables) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, ADVISORY_LOCK_BASE | (tables.prefix().hashCode() & 0xFFFF_FFFFL));
                lock.execute();
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(tables.expand("CREATE TABLE IF NOT EXISTS ${prefix}schema_version ("
                    + "version INTEGER NOT NULL PRIMARY KEY, description VARCHAR(200) NOT NULL, installed_at_us BIGINT NOT NULL)"));
        }
        int applied = appliedVersion(connection, tables);
        if (applied > CURRENT_VERSION) {
            throw versionMismatch(tables, applied);
        }
        for (Migration migration : MIGRATIONS) {
            if (migration.version() <= applied) {
                continue;
            }
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements(tables.expand(script(migration.resource(dialect))))) {
                    statement.execute(sql);
                }
            }
            try (PreparedStatement record = connection.prepareStatement(
                    tables.expand("INSERT INTO ${prefix}schema_version (version, description, installed_at_us) VALUES (?, ?, ?)"))) {
                record.setInt(1, migration.version());
                record.setString(2, migration.description());
                record.setLong(3, Micros.of(Instant.now()));
                record.executeUpdate();
            }
            LOG.info("MFA-JDBC-001 applied mfa4j schema version {} ({}) to the tables with prefix {}", migration.version(),
                    migration.description(), tables.prefix());
        }
        return null;
    }

    private static int appliedVersion(Connection connection, Tables tables) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(tables.expand("SELECT MAX(version) FROM ${prefix}schema_version"))) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }

    private static StoreException versionMismatch(Tables tables, int version) {
        return version > CURRENT_VERSION
                ? new StoreException("the mfa4j tables with prefix " + tables.prefix() + " are at schema version " + version
                        + ", newer than this mfa-store-jdbc knows (" + CURRENT_VERSION + "); upgrade mfa-store-jdbc on this node")
                : new StoreException("the mfa4j tables with prefix " + tables.prefix() + " are at schema version " + version
                        + " but this mfa-store-jdbc needs " + CURRENT_VERSION + "; build a store with migrate(true) once to upgrade them");
    }

    private static String script(String resource) {
        try (InputStream in = Schema.class.getResourceAsStream(resource)) {
            return new String(Objects.requireNonNull(in, () -> "missing " + resource).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Splits one of this module's scripts into statements: comment lines dropped, split at
     * semicolons (the scripts hold no semicolon inside a statement).
     *
     * @param script the script text
     * @return its statements
     */
    static List<String> statements(String script) {
        StringBuilder withoutComments = new StringBuilder();
        script.lines().filter(line -> !line.strip().startsWith("--")).forEach(line -> withoutComments.append(line).append('\n'));
        List<String> statements = new ArrayList<>();
        for (String part : withoutComments.toString().split(";")) {
            if (!part.isBlank()) {
                statements.add(part.strip());
            }
        }
        return statements;
    }
}
