package dev.mfa4j.store.jdbc;

import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.RevisionConflictException;
import dev.mfa4j.api.StoreException;
import dev.mfa4j.api.spi.EnrollmentData;
import dev.mfa4j.api.spi.EnrollmentStore;
import dev.mfa4j.api.spi.StoredEnrollment;
import dev.mfa4j.store.jdbc.internal.EnrollmentSql;
import dev.mfa4j.store.jdbc.internal.Jdbc;
import dev.mfa4j.store.jdbc.internal.Micros;
import dev.mfa4j.store.jdbc.internal.SqlStates;
import dev.mfa4j.store.jdbc.internal.StoreSetup;
import dev.mfa4j.store.jdbc.internal.Tables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Keeps principals' enrollments (TOTP secrets, enrollments not yet confirmed, recovery code
 * hashes) in a relational database (PostgreSQL or H2), so that every node of a host sees the same
 * ones and a recovery code used on two nodes at once is used once.
 *
 * <pre>{@code
 * MfaService mfa = MfaService.builder(authorizer)
 *         .enrollmentStore(JdbcEnrollmentStore.builder(dataSource).build())...
 * }</pre>
 *
 * <p>How the rules of {@link EnrollmentStore} are kept:
 * <ul>
 *   <li>a principal and slot are a primary key, so two first writes cannot both succeed;</li>
 *   <li>a later write is {@code UPDATE ... SET revision = revision + 1 WHERE ... AND revision = ?}
 *       and a removal {@code DELETE ... WHERE ... AND revision = ?}: a stale revision changes no
 *       row, so no change is lost;</li>
 *   <li>values are rows with their position, so they read back in the order written; reading one
 *       enrollment, as each verification does, is one statement.</li>
 * </ul>
 *
 * <p>Secret values arrive here already sealed when the host gave {@code MfaService.builder()} its
 * sealing keys, and are stored only in that form.
 *
 * <p>Thread safe: each call borrows one connection from the {@link DataSource} and returns it;
 * use a pooled data source. Arguments must not be null ({@link NullPointerException}). A database
 * failure is a {@link StoreException} naming the operation and the SQLState, never a value.
 *
 * @since 0.1.0
 */
public final class JdbcEnrollmentStore implements EnrollmentStore {

    /** Retries of a write whose conditional statement lost a race it can simply run again. */
    private static final int MAX_TRIES = 5;

    private final Jdbc jdbc;
    private final Tables tables;
    private final EnrollmentSql sql;

    private JdbcEnrollmentStore(StoreSetup setup) {
        this.jdbc = setup.jdbc();
        this.tables = setup.tables();
        this.sql = EnrollmentSql.of(setup.tables());
    }

    /**
     * @param dataSource where connections come from; a pool is advised
     * @return a builder
     * @throws NullPointerException if {@code dataSource} is null
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** @return the table prefix in use */
    public String tablePrefix() {
        return tables.prefix();
    }

    @Override
    public Optional<StoredEnrollment> find(PrincipalId principal, String slot) {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(slot, "slot");
        List<StoredEnrollment> found = jdbc.autoCommit("find", connection -> read(connection, sql.find(), principal, slot));
        return found.stream().findFirst();
    }

    @Override
    public List<StoredEnrollment> list(PrincipalId principal) {
        Objects.requireNonNull(principal, "principal");
        List<StoredEnrollment> all = jdbc.autoCommit("list", connection -> read(connection, sql.list(), principal, null));
        // The database's collation may order slots differently; the SPI asks for String order.
        return all.stream().sorted(Comparator.comparing(StoredEnrollment::slot)).toList();
    }

    @Override
    public StoredEnrollment put(StoredEnrollment enrollment, long expectedRevision) {
        Objects.requireNonNull(enrollment, "enrollment");
        // Stored to the microsecond; the answer carries the time as it will read back.
        StoredEnrollment stored = new StoredEnrollment(enrollment.principal(), enrollment.slot(), enrollment.data(),
                expectedRevision + 1, Micros.toInstant(Micros.of(enrollment.updated())));
        for (int attempt = 1; attempt <= MAX_TRIES; attempt++) {
            long actual;
            try {
                actual = jdbc.inTransaction("put", connection -> expectedRevision == 0 ? insert(connection, stored)
                        : update(connection, stored, expectedRevision));
            } catch (SlotTaken taken) {
                // The insert failed, so its transaction is gone (PostgreSQL refuses more statements in it): look again outside
                // it. Empty again means what took the slot went before it could be read.
                long seen = jdbc.autoCommit("put", connection -> revision(connection, stored));
                actual = seen == 0 ? -1 : seen;
            }
            if (actual == expectedRevision) {
                return stored;
            }
            if (actual >= 0) {
                throw new RevisionConflictException("MFA enrollment of " + enrollment.principal() + " in slot", enrollment.slot(),
                        expectedRevision, actual);
            }
            // actual < 0: what stood in the way went before it could be read; run again.
        }
        throw new StoreException("the JDBC enrollment store (table prefix " + tables.prefix() + ") gave up on put after " + MAX_TRIES
                + " tries: concurrent changes kept getting in the way");
    }

    @Override
    public boolean remove(PrincipalId principal, String slot, long expectedRevision) {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(slot, "slot");
        return jdbc.autoCommit("remove", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(sql.remove())) {
                delete.setString(1, principal.path());
                delete.setString(2, slot);
                delete.setLong(3, expectedRevision);
                return delete.executeUpdate() == 1;
            }
        });
    }

    @Override
    public int removeAll(PrincipalId principal) {
        Objects.requireNonNull(principal, "principal");
        return jdbc.autoCommit("removeAll", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(sql.removeAll())) {
                delete.setString(1, principal.path());
                return delete.executeUpdate();
            }
        });
    }

    /** @return the table prefix, never a value */
    @Override
    public String toString() {
        return "JdbcEnrollmentStore[tablePrefix=" + tables.prefix() + "]";
    }

    /** @return 0, the expected revision, once inserted; throws {@link SlotTaken} if the slot is not empty */
    private long insert(Connection connection, StoredEnrollment stored) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(sql.insert())) {
            insert.setString(1, stored.principal().path());
            insert.setString(2, stored.slot());
            insert.setLong(3, Micros.of(stored.updated()));
            insert.executeUpdate();
        } catch (SQLException e) {
            if (SqlStates.isUniqueViolation(e)) {
                throw new SlotTaken();
            }
            throw e;
        }
        insertValues(connection, stored);
        return 0;
    }

    /**
     * @return the expected revision if the update was made; otherwise the slot's revision (0 if
     *     empty), or -1 if it holds the expected revision again (removed and written anew since)
     */
    private long update(Connection connection, StoredEnrollment stored, long expectedRevision) throws SQLException {
        int updated;
        try (PreparedStatement update = connection.prepareStatement(sql.update())) {
            update.setLong(1, Micros.of(stored.updated()));
            update.setString(2, stored.principal().path());
            update.setString(3, stored.slot());
            update.setLong(4, expectedRevision);
            updated = update.executeUpdate();
        }
        if (updated == 1) {
            try (PreparedStatement delete = connection.prepareStatement(sql.deleteValues())) {
                delete.setString(1, stored.principal().path());
                delete.setString(2, stored.slot());
                delete.executeUpdate();
            }
            insertValues(connection, stored);
            return expectedRevision;
        }
        long actual = revision(connection, stored);
        return actual == expectedRevision ? -1 : actual;
    }

    private void insertValues(Connection connection, StoredEnrollment stored) throws SQLException {
        EnrollmentData data = stored.data();
        if (data.values().isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(sql.insertValue())) {
            int ordinal = 0;
            for (Map.Entry<String, String> value : data.values().entrySet()) {
                insert.setString(1, stored.principal().path());
                insert.setString(2, stored.slot());
                insert.setInt(3, ordinal++);
                insert.setString(4, value.getKey());
                insert.setString(5, value.getValue());
                insert.setBoolean(6, data.secrets().contains(value.getKey()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** @return the slot's revision, 0 if it is empty */
    private long revision(Connection connection, StoredEnrollment stored) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql.revision())) {
            select.setString(1, stored.principal().path());
            select.setString(2, stored.slot());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    /** Reads enrollments with their values, rows grouped by slot as the statement orders them. */
    private static List<StoredEnrollment> read(Connection connection, String query, PrincipalId principal, String slot)
            throws SQLException {
        List<StoredEnrollment> found = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(query)) {
            select.setString(1, principal.path());
            if (slot != null) {
                select.setString(2, slot);
            }
            try (ResultSet rows = select.executeQuery()) {
                Row current = null;
                while (rows.next()) {
                    String rowSlot = rows.getString(1);
                    if (current == null || !current.slot.equals(rowSlot)) {
                        if (current != null) {
                            found.add(current.toEnrollment(principal));
                        }
                        current = new Row(rowSlot, rows.getLong(2), rows.getLong(3));
                    }
                    String key = rows.getString(4);
                    if (key != null) {
                        current.values.put(key, rows.getString(5));
                        if (rows.getBoolean(6)) {
                            current.secrets.add(key);
                        }
                    }
                }
                if (current != null) {
                    found.add(current.toEnrollment(principal));
                }
            }
        }
        return found;
    }

    /** One enrollment as its rows are read. */
    private static final class Row {
        final String slot;
        final long revision;
        final long updatedMicros;
        final Map<String, String> values = new LinkedHashMap<>();
        final Set<String> secrets = new TreeSet<>();

        Row(String slot, long revision, long updatedMicros) {
            this.slot = slot;
            this.revision = revision;
            this.updatedMicros = updatedMicros;
        }

        StoredEnrollment toEnrollment(PrincipalId principal) {
            try {
                return new StoredEnrollment(principal, slot, new EnrollmentData(values, secrets), revision,
                        Micros.toInstant(updatedMicros));
            } catch (RuntimeException e) {
                // A row the API's records refuse was written by something else: a store failure, not bad input.
                throw new StoreException("a stored enrollment row is not valid (" + e.getClass().getName()
                        + "); it was not written by mfa-store-jdbc");
            }
        }
    }

    /** The slot of a first write was taken: its transaction is rolled back, then the slot is read again. */
    private static final class SlotTaken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SlotTaken() {
            super(null, null, false, false);
        }
    }

    /**
     * Builds a {@link JdbcEnrollmentStore}; the options are those of {@link JdbcStoreBuilder}.
     *
     * @since 0.1.0
     */
    public static final class Builder extends JdbcStoreBuilder<JdbcEnrollmentStore, Builder> {

        private Builder(DataSource dataSource) {
            super(dataSource, "the JDBC enrollment store");
        }

        @Override
        Builder self() {
            return this;
        }

        @Override
        JdbcEnrollmentStore create(StoreSetup setup) {
            return new JdbcEnrollmentStore(setup);
        }
    }
}
