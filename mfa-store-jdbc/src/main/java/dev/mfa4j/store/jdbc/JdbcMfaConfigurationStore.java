package dev.mfa4j.store.jdbc;

import dev.mfa4j.api.ConfigurationInUseException;
import dev.mfa4j.api.ConfigurationNotFoundException;
import dev.mfa4j.api.DuplicateConfigurationException;
import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.RevisionConflictException;
import dev.mfa4j.api.StoreException;
import dev.mfa4j.api.spi.MfaConfigurationStore;
import dev.mfa4j.store.jdbc.internal.Jdbc;
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
import javax.sql.DataSource;

/**
 * Keeps MFA configurations and principal assignments in a relational database (PostgreSQL or H2),
 * so that every node of a host sees the same ones.
 *
 * <pre>{@code
 * JdbcMfaConfigurationStore store = JdbcMfaConfigurationStore.builder(dataSource).build();
 * MfaService mfa = MfaService.builder().store(store).attemptStore(JdbcAttemptStore.builder(dataSource).build())...
 * }</pre>
 *
 * <p>How the rules of {@link MfaConfigurationStore} are kept:
 * <ul>
 *   <li>names are a primary key, so a duplicate create fails in the database (SQLState 23505);</li>
 *   <li>an update is {@code UPDATE ... SET revision = revision + 1 WHERE name = ? AND revision = ?}:
 *       a stale revision changes no row and is refused, so no update is lost;</li>
 *   <li>a delete, and an assignment, lock the configuration's row first, so the check for
 *       assignments and the check that the configuration exists hold until the commit; a foreign
 *       key backs the second;</li>
 *   <li>options are rows with their position, so they read back in the order written.</li>
 * </ul>
 *
 * <p>With {@code MfaService.builder().sealing(...)}, secret options arrive here already sealed and
 * are stored only in that form.
 *
 * <p>Thread safe: each call borrows one connection from the {@link DataSource} and returns it;
 * use a pooled data source. Arguments must not be null ({@link NullPointerException}). A database
 * failure is a {@link StoreException} naming the operation and the SQLState; its cause keeps the
 * driver's exception class and stack but not its message, which can quote row values.
 *
 * @since 0.1.0
 */
public final class JdbcMfaConfigurationStore implements MfaConfigurationStore {

    /** Retries of an operation whose conditional statement lost a race it can simply run again. */
    private static final int MAX_TRIES = 5;

    private final Jdbc jdbc;
    private final Tables tables;
    private final String selectConfiguration;
    private final String selectAllConfigurations;
    private final String insertConfiguration;
    private final String insertOption;
    private final String updateConfiguration;
    private final String deleteOptions;
    private final String selectRevision;
    private final String selectConfigurationForUpdate;
    private final String deleteConfiguration;
    private final String countAssignments;
    private final String deleteAssignmentsOf;
    private final String selectAssignment;
    private final String lockAssignment;
    private final String selectAllAssignments;
    private final String insertAssignment;
    private final String updateAssignment;
    private final String deleteAssignment;

    private JdbcMfaConfigurationStore(StoreSetup setup) {
        this.jdbc = setup.jdbc();
        this.tables = setup.tables();
        Tables t = setup.tables();
        selectConfiguration = t.expand("SELECT c.provider_type, c.revision, o.option_key, o.option_value FROM ${prefix}configuration c "
                + "LEFT JOIN ${prefix}configuration_option o ON o.configuration_name = c.name WHERE c.name = ? ORDER BY o.ordinal");
        selectAllConfigurations = t.expand("SELECT c.name, c.provider_type, c.revision, o.option_key, o.option_value "
                + "FROM ${prefix}configuration c LEFT JOIN ${prefix}configuration_option o ON o.configuration_name = c.name "
                + "ORDER BY c.name, o.ordinal");
        insertConfiguration = t.expand("INSERT INTO ${prefix}configuration (name, provider_type, revision) VALUES (?, ?, 1)");
        insertOption = t.expand("INSERT INTO ${prefix}configuration_option (configuration_name, ordinal, option_key, option_value) "
                + "VALUES (?, ?, ?, ?)");
        updateConfiguration = t.expand("UPDATE ${prefix}configuration SET provider_type = ?, revision = revision + 1 "
                + "WHERE name = ? AND revision = ?");
        deleteOptions = t.expand("DELETE FROM ${prefix}configuration_option WHERE configuration_name = ?");
        selectRevision = t.expand("SELECT revision FROM ${prefix}configuration WHERE name = ?");
        selectConfigurationForUpdate = t.expand("SELECT revision FROM ${prefix}configuration WHERE name = ? FOR UPDATE");
        deleteConfiguration = t.expand("DELETE FROM ${prefix}configuration WHERE name = ?");
        countAssignments = t.expand("SELECT COUNT(*) FROM ${prefix}assignment WHERE configuration_name = ?");
        deleteAssignmentsOf = t.expand("DELETE FROM ${prefix}assignment WHERE configuration_name = ?");
        selectAssignment = t.expand("SELECT configuration_name, provider_user_id FROM ${prefix}assignment WHERE principal = ?");
        lockAssignment = selectAssignment + " FOR UPDATE";
        selectAllAssignments = t.expand("SELECT principal, configuration_name, provider_user_id FROM ${prefix}assignment");
        insertAssignment = t.expand("INSERT INTO ${prefix}assignment (principal, configuration_name, provider_user_id) VALUES (?, ?, ?)");
        updateAssignment = t.expand("UPDATE ${prefix}assignment SET configuration_name = ?, provider_user_id = ? WHERE principal = ?");
        deleteAssignment = t.expand("DELETE FROM ${prefix}assignment WHERE principal = ?");
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
    public Optional<MfaConfiguration> findConfiguration(String name) {
        Objects.requireNonNull(name, "name");
        return jdbc.autoCommit("findConfiguration", connection -> {
            try (PreparedStatement select = connection.prepareStatement(selectConfiguration)) {
                select.setString(1, name);
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    String type = rows.getString(1);
                    long revision = rows.getLong(2);
                    Map<String, String> options = new LinkedHashMap<>();
                    do {
                        addOption(options, rows.getString(3), rows.getString(4));
                    } while (rows.next());
                    return Optional.of(configuration(name, type, options, revision));
                }
            }
        });
    }

    @Override
    public List<MfaConfiguration> listConfigurations() {
        List<MfaConfiguration> all = jdbc.autoCommit("listConfigurations", connection -> {
            List<MfaConfiguration> found = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(selectAllConfigurations);
                    ResultSet rows = select.executeQuery()) {
                String name = null;
                String type = null;
                long revision = 0;
                Map<String, String> options = new LinkedHashMap<>();
                while (rows.next()) {
                    String rowName = rows.getString(1);
                    if (!rowName.equals(name)) {
                        if (name != null) {
                            found.add(configuration(name, type, options, revision));
                        }
                        name = rowName;
                        type = rows.getString(2);
                        revision = rows.getLong(3);
                        options = new LinkedHashMap<>();
                    }
                    addOption(options, rows.getString(4), rows.getString(5));
                }
                if (name != null) {
                    found.add(configuration(name, type, options, revision));
                }
            }
            return found;
        });
        // The database's collation may order names differently; the SPI asks for String order.
        return all.stream().sorted(Comparator.comparing(MfaConfiguration::name)).toList();
    }

    @Override
    public MfaConfiguration createConfiguration(MfaConfiguration configuration) {
        Objects.requireNonNull(configuration, "configuration");
        return jdbc.inTransaction("createConfiguration", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(insertConfiguration)) {
                insert.setString(1, configuration.name());
                insert.setString(2, configuration.type());
                insert.executeUpdate();
            } catch (SQLException e) {
                if (SqlStates.isUniqueViolation(e)) {
                    throw new DuplicateConfigurationException(configuration.name());
                }
                throw e;
            }
            insertOptions(connection, configuration);
            return configuration.withRevision(1);
        });
    }

    @Override
    public MfaConfiguration updateConfiguration(MfaConfiguration configuration, long expectedRevision) {
        Objects.requireNonNull(configuration, "configuration");
        return retrying("updateConfiguration", connection -> {
            int updated;
            try (PreparedStatement update = connection.prepareStatement(updateConfiguration)) {
                update.setString(1, configuration.type());
                update.setString(2, configuration.name());
                update.setLong(3, expectedRevision);
                updated = update.executeUpdate();
            }
            if (updated == 1) {
                try (PreparedStatement delete = connection.prepareStatement(deleteOptions)) {
                    delete.setString(1, configuration.name());
                    delete.executeUpdate();
                }
                insertOptions(connection, configuration);
                return Optional.of(configuration.withRevision(expectedRevision + 1));
            }
            Optional<Long> actual = revision(connection, configuration.name());
            if (actual.isEmpty()) {
                throw new ConfigurationNotFoundException(configuration.name());
            }
            if (actual.get() != expectedRevision) {
                throw new RevisionConflictException(configuration.name(), expectedRevision, actual.get());
            }
            // Deleted and created again between the two statements: try once more.
            return Optional.empty();
        });
    }

    @Override
    public long deleteConfiguration(String name, boolean removeAssignments) {
        Objects.requireNonNull(name, "name");
        return retrying("deleteConfiguration", connection -> {
            if (!lockConfiguration(connection, name)) {
                throw new ConfigurationNotFoundException(name);
            }
            long removed;
            if (removeAssignments) {
                try (PreparedStatement delete = connection.prepareStatement(deleteAssignmentsOf)) {
                    delete.setString(1, name);
                    removed = delete.executeUpdate();
                }
            } else {
                long count = count(connection, name);
                if (count > 0) {
                    throw new ConfigurationInUseException(name, count);
                }
                removed = 0;
            }
            try (PreparedStatement delete = connection.prepareStatement(deleteConfiguration)) {
                delete.setString(1, name);
                delete.executeUpdate();
            } catch (SQLException e) {
                if (SqlStates.isForeignKeyViolation(e)) {
                    // An assignment arrived that the row lock did not hold off: run the whole check again.
                    return Optional.empty();
                }
                throw e;
            }
            return Optional.of(removed);
        });
    }

    @Override
    public Optional<MfaAssignment> findAssignment(PrincipalId principal) {
        Objects.requireNonNull(principal, "principal");
        return jdbc.autoCommit("findAssignment", connection -> assignment(connection, selectAssignment, principal));
    }

    @Override
    public Optional<MfaAssignment> putAssignment(MfaAssignment assignment) {
        Objects.requireNonNull(assignment, "assignment");
        return retrying("putAssignment", connection -> {
            if (!lockConfiguration(connection, assignment.configurationName())) {
                throw new ConfigurationNotFoundException(assignment.configurationName());
            }
            Optional<MfaAssignment> previous = assignment(connection, lockAssignment, assignment.principal());
            try (PreparedStatement write = connection.prepareStatement(previous.isPresent() ? updateAssignment : insertAssignment)) {
                int i = 1;
                if (previous.isEmpty()) {
                    write.setString(i++, assignment.principal().path());
                }
                write.setString(i++, assignment.configurationName());
                write.setString(i++, assignment.providerUserId());
                if (previous.isPresent()) {
                    write.setString(i, assignment.principal().path());
                }
                write.executeUpdate();
            } catch (SQLException e) {
                if (SqlStates.isUniqueViolation(e)) {
                    // Another call assigned this principal first: run again, replacing that assignment.
                    return Optional.empty();
                }
                if (SqlStates.isForeignKeyViolation(e)) {
                    throw new ConfigurationNotFoundException(assignment.configurationName());
                }
                throw e;
            }
            return Optional.of(previous);
        });
    }

    @Override
    public Optional<MfaAssignment> removeAssignment(PrincipalId principal) {
        Objects.requireNonNull(principal, "principal");
        return jdbc.inTransaction("removeAssignment", connection -> {
            Optional<MfaAssignment> previous = assignment(connection, lockAssignment, principal);
            if (previous.isPresent()) {
                try (PreparedStatement delete = connection.prepareStatement(deleteAssignment)) {
                    delete.setString(1, principal.path());
                    delete.executeUpdate();
                }
            }
            return previous;
        });
    }

    @Override
    public List<MfaAssignment> listAssignments() {
        List<MfaAssignment> all = jdbc.autoCommit("listAssignments", connection -> {
            List<MfaAssignment> found = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(selectAllAssignments);
                    ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(decode("assignment", () -> new MfaAssignment(PrincipalId.parse(rows.getString(1)), rows.getString(2),
                            rows.getString(3))));
                }
            }
            return found;
        });
        return all.stream().sorted(Comparator.comparing(a -> a.principal().path())).toList();
    }

    @Override
    public long countAssignments(String configurationName) {
        Objects.requireNonNull(configurationName, "configurationName");
        return jdbc.autoCommit("countAssignments", connection -> count(connection, configurationName));
    }

    /** @return the table prefix, never a value */
    @Override
    public String toString() {
        return "JdbcMfaConfigurationStore[tablePrefix=" + tables.prefix() + "]";
    }

    private void insertOptions(Connection connection, MfaConfiguration configuration) throws SQLException {
        if (configuration.options().isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(insertOption)) {
            int ordinal = 0;
            for (Map.Entry<String, String> option : configuration.options().entrySet()) {
                insert.setString(1, configuration.name());
                insert.setInt(2, ordinal++);
                insert.setString(3, option.getKey());
                insert.setString(4, option.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private Optional<Long> revision(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(selectRevision)) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
            }
        }
    }

    /** Locks a configuration's row until the commit, so that it cannot be deleted or assigned meanwhile. */
    private boolean lockConfiguration(Connection connection, String name) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(selectConfigurationForUpdate)) {
            lock.setString(1, name);
            try (ResultSet rows = lock.executeQuery()) {
                return rows.next();
            }
        }
    }

    private long count(Connection connection, String configurationName) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(countAssignments)) {
            select.setString(1, configurationName);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private Optional<MfaAssignment> assignment(Connection connection, String sql, PrincipalId principal) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, principal.path());
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                String configurationName = rows.getString(1);
                String providerUserId = rows.getString(2);
                return Optional.of(decode("assignment", () -> new MfaAssignment(principal, configurationName, providerUserId)));
            }
        }
    }

    private static void addOption(Map<String, String> options, String key, String value) {
        if (key != null) {
            options.put(key, value);
        }
    }

    private static MfaConfiguration configuration(String name, String type, Map<String, String> options, long revision)
            throws SQLException {
        return decode("configuration", () -> new MfaConfiguration(name, type, options, revision));
    }

    /** A row the API's records refuse was written by something else: a store failure, not bad input. */
    private interface Decoder<T> {
        T decode() throws SQLException;
    }

    private static <T> T decode(String what, Decoder<T> decoder) throws SQLException {
        try {
            return decoder.decode();
        } catch (RuntimeException e) {
            throw new StoreException("a stored " + what + " row is not valid (" + e.getClass().getName()
                    + "); it was not written by mfa-store-jdbc");
        }
    }

    /**
     * Runs a transaction that may end in "run me again" (empty), up to {@link #MAX_TRIES} times.
     */
    private <T> T retrying(String operation, Jdbc.Work<Optional<T>> work) {
        for (int attempt = 1; attempt <= MAX_TRIES; attempt++) {
            Optional<T> answer = jdbc.inTransaction(operation, work);
            if (answer.isPresent()) {
                return answer.get();
            }
        }
        throw new StoreException("the JDBC MFA configuration store (table prefix " + tables.prefix() + ") gave up on " + operation
                + " after " + MAX_TRIES + " tries: concurrent changes kept getting in the way");
    }

    /**
     * Builds a {@link JdbcMfaConfigurationStore}; the options are those of {@link JdbcStoreBuilder}.
     *
     * @since 0.1.0
     */
    public static final class Builder extends JdbcStoreBuilder<JdbcMfaConfigurationStore, Builder> {

        private Builder(DataSource dataSource) {
            super(dataSource, "the JDBC MFA configuration store");
        }

        @Override
        Builder self() {
            return this;
        }

        @Override
        JdbcMfaConfigurationStore create(StoreSetup setup) {
            return new JdbcMfaConfigurationStore(setup);
        }
    }
}
