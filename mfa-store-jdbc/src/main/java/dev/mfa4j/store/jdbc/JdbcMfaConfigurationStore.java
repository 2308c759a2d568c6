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
import dev.mfa4j.api.spi.Ticker;
import dev.mfa4j.store.jdbc.internal.ConfigurationSql;
import dev.mfa4j.store.jdbc.internal.Jdbc;
import dev.mfa4j.store.jdbc.internal.LookupCache;
import dev.mfa4j.store.jdbc.internal.LookupCache.Lookup;
import dev.mfa4j.store.jdbc.internal.SqlStates;
import dev.mfa4j.store.jdbc.internal.StoreSetup;
import dev.mfa4j.store.jdbc.internal.Tables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>A verification reads the principal's assignment and its configuration in one statement
 * ({@link #findAssignment}). A host may have that read answered from memory while nothing
 * changes, {@link Builder#lookupCache(Duration)}, whose Javadoc states how stale an answer may be.
 * Every write adds one to a count of changes in its transaction, which those caches check.
 *
 * <p>Thread safe: each call borrows one connection from the {@link DataSource} and returns it;
 * use a pooled data source. Arguments must not be null ({@link NullPointerException}). A database
 * failure is a {@link StoreException} naming the operation and the SQLState; its cause keeps the
 * driver's exception class and stack but not its message, which can quote row values.
 *
 * @since 0.1.0
 */
public final class JdbcMfaConfigurationStore implements MfaConfigurationStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcMfaConfigurationStore.class);

    /** Retries of an operation whose conditional statement lost a race it can simply run again. */
    private static final int MAX_TRIES = 5;

    /**
     * How long a configuration read with an assignment may answer the {@link #findConfiguration} that follows on the
     * same thread. mfa-core makes that call right after {@link #findAssignment}; past this, the read is made again.
     */
    static final Duration HANDOFF_MAX_AGE = Duration.ofSeconds(1);

    private final Jdbc jdbc;
    private final Tables tables;
    private final ConfigurationSql sql;
    private final Ticker ticker;
    /** The principals' assignments with their configurations, when the host turned the lookup cache on. */
    private final LookupCache lookups;
    /** The configuration the last {@link #findAssignment} of this thread read with the assignment, until the next call. */
    private final ThreadLocal<Handoff> handoff = new ThreadLocal<>();

    /**
     * A configuration read in the same statement as an assignment.
     *
     * @param configuration the configuration as it was at that read
     * @param readAt when, by the ticker
     */
    private record Handoff(MfaConfiguration configuration, long readAt) {
    }

    private JdbcMfaConfigurationStore(StoreSetup setup, Ticker ticker, LookupCache lookups) {
        this.jdbc = setup.jdbc();
        this.tables = setup.tables();
        this.sql = ConfigurationSql.of(setup.dialect(), setup.tables());
        this.ticker = ticker;
        this.lookups = lookups;
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

    /**
     * Reads a configuration, or answers from the read that came just before: if this thread's
     * last call on this store was a {@link #findAssignment} that found an assignment to this
     * configuration, less than a second ago, the configuration read in that same statement is
     * returned without another round trip. It is then the configuration as it was at that read,
     * as the assignment is; a change on any node shows from the next {@code findAssignment} on.
     */
    @Override
    public Optional<MfaConfiguration> findConfiguration(String name) {
        Objects.requireNonNull(name, "name");
        Handoff read = handoff.get();
        if (read != null) {
            handoff.remove();
            if (read.configuration().name().equals(name) && ticker.read() - read.readAt() <= HANDOFF_MAX_AGE.toNanos()) {
                return Optional.of(read.configuration());
            }
        }
        return jdbc.autoCommit("findConfiguration", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.selectConfiguration())) {
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
        handoff.remove();
        List<MfaConfiguration> all = jdbc.autoCommit("listConfigurations", connection -> {
            List<MfaConfiguration> found = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(sql.selectAllConfigurations());
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
        handoff.remove();
        Objects.requireNonNull(configuration, "configuration");
        try {
            return jdbc.inTransaction("createConfiguration", connection -> {
                try (PreparedStatement insert = connection.prepareStatement(sql.insertConfiguration())) {
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
                countChange(connection);
                return configuration.withRevision(1);
            });
        } finally {
            // Even a failed write may have committed (a failure after the commit): forget, never keep.
            lookups.configurationsChanged();
        }
    }

    @Override
    public MfaConfiguration updateConfiguration(MfaConfiguration configuration, long expectedRevision) {
        handoff.remove();
        Objects.requireNonNull(configuration, "configuration");
        try {
            return retrying("updateConfiguration", connection -> {
                int updated;
                try (PreparedStatement update = connection.prepareStatement(sql.updateConfiguration())) {
                    update.setString(1, configuration.type());
                    update.setString(2, configuration.name());
                    update.setLong(3, expectedRevision);
                    updated = update.executeUpdate();
                }
                if (updated == 1) {
                    try (PreparedStatement delete = connection.prepareStatement(sql.deleteOptions())) {
                        delete.setString(1, configuration.name());
                        delete.executeUpdate();
                    }
                    insertOptions(connection, configuration);
                    countChange(connection);
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
        } finally {
            // Even a failed write may have committed (a failure after the commit): forget, never keep.
            lookups.configurationsChanged();
        }
    }

    @Override
    public long deleteConfiguration(String name, boolean removeAssignments) {
        handoff.remove();
        Objects.requireNonNull(name, "name");
        try {
            return retrying("deleteConfiguration", connection -> {
                if (!lockConfiguration(connection, name)) {
                    throw new ConfigurationNotFoundException(name);
                }
                long removed;
                if (removeAssignments) {
                    try (PreparedStatement delete = connection.prepareStatement(sql.deleteAssignmentsOf())) {
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
                try (PreparedStatement delete = connection.prepareStatement(sql.deleteConfiguration())) {
                    delete.setString(1, name);
                    delete.executeUpdate();
                } catch (SQLException e) {
                    if (SqlStates.isForeignKeyViolation(e)) {
                        // An assignment arrived that the row lock did not hold off: undo the deletions, run the whole check again.
                        connection.rollback();
                        return Optional.empty();
                    }
                    throw e;
                }
                countChange(connection);
                return Optional.of(removed);
            });
        } finally {
            // Even a failed write may have committed (a failure after the commit): forget, never keep.
            lookups.configurationsChanged();
        }
    }

    /**
     * Reads a principal's assignment, and in the same statement the configuration it names, which
     * the {@link #findConfiguration} that follows on this thread then answers from.
     *
     * <p>With the {@linkplain Builder#lookupCache(Duration) lookup cache} on, an assignment read
     * before, and not changed through this store or (by the cache's last check) any other since, is
     * answered without a statement (its configuration too); once per check interval, one call
     * first reads the count of changes. An absence is never cached: a principal without an
     * assignment is read every time.
     */
    @Override
    public Optional<MfaAssignment> findAssignment(PrincipalId principal) {
        Objects.requireNonNull(principal, "principal");
        handoff.remove();
        LookupCache.Check check = lookups.checkIfDue();
        if (check != null) {
            checkChanges(check);
        }
        Optional<Lookup> cached = lookups.find(principal);
        if (cached.isPresent()) {
            handoff.set(new Handoff(cached.get().configuration(), ticker.read()));
            return Optional.of(cached.get().assignment());
        }
        LookupCache.Stamp stamp = lookups.stamp();
        Optional<Lookup> read = jdbc.autoCommit("findAssignment", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.selectAssignment())) {
                select.setString(1, principal.path());
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    String configurationName = rows.getString(1);
                    String providerUserId = rows.getString(2);
                    MfaAssignment assignment = decode("assignment", () -> new MfaAssignment(principal, configurationName, providerUserId));
                    return Optional.of(new Lookup(assignment, handOver(configurationName, rows).orElse(null)));
                }
            }
        });
        // Only now, after the connection went back without a failure; only an assignment found with its configuration.
        read.filter(lookup -> lookup.configuration() != null).ifPresent(lookup -> lookups.offer(lookup, stamp));
        return read.map(Lookup::assignment);
    }

    /**
     * Reads the count of changes for the lookup cache. A failure only leaves the cache distrusted: the read that
     * follows goes to the database, and reports the failure if the database is down. Whatever is thrown, the check
     * is ended, so that a later one can be made.
     */
    private void checkChanges(LookupCache.Check check) {
        long changes;
        try {
            changes = jdbc.autoCommit("lookup cache check", connection -> {
                try (PreparedStatement select = connection.prepareStatement(sql.selectChanges());
                        ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        throw new StoreException(missingChangeCount());
                    }
                    return rows.getLong(1);
                }
            });
        } catch (RuntimeException | Error e) {
            if (lookups.checkFailed(check)) {
                LOG.warn("MFA-JDBC-004 the lookup cache (table prefix {}) could not check for changes; it answers nothing until a "
                        + "check succeeds: {}", tables.prefix(), e instanceof StoreException ? e.getMessage() : e.getClass().getName());
            }
            if (e instanceof Error error) {
                throw error;
            }
            return;
        }
        lookups.checked(check, changes);
    }

    private String missingChangeCount() {
        return "the JDBC MFA configuration store (table prefix " + tables.prefix() + ") found no row in " + tables.changeCount()
                + "; add it with INSERT INTO " + tables.changeCount() + " (id, changes) VALUES (1, 0)";
    }

    @Override
    public Optional<MfaAssignment> putAssignment(MfaAssignment assignment) {
        handoff.remove();
        Objects.requireNonNull(assignment, "assignment");
        try {
            return retrying("putAssignment", connection -> {
                if (!lockConfiguration(connection, assignment.configurationName())) {
                    throw new ConfigurationNotFoundException(assignment.configurationName());
                }
                Optional<MfaAssignment> previous = lockAssignment(connection, assignment.principal());
                if (previous.isPresent() && previous.get().equals(assignment)) {
                    // Nothing changes: no write, and no count that would make every node's lookup cache forget.
                    return Optional.of(previous);
                }
                try (PreparedStatement write = connection.prepareStatement(previous.isPresent() ? sql.updateAssignment() : sql.insertAssignment())) {
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
                countChange(connection);
                return Optional.of(previous);
            });
        } finally {
            lookups.assignmentChanged(assignment.principal());
        }
    }

    @Override
    public Optional<MfaAssignment> removeAssignment(PrincipalId principal) {
        handoff.remove();
        Objects.requireNonNull(principal, "principal");
        try {
            return jdbc.inTransaction("removeAssignment", connection -> {
                Optional<MfaAssignment> previous = lockAssignment(connection, principal);
                if (previous.isPresent()) {
                    try (PreparedStatement delete = connection.prepareStatement(sql.deleteAssignment())) {
                        delete.setString(1, principal.path());
                        delete.executeUpdate();
                    }
                    countChange(connection);
                }
                return previous;
            });
        } finally {
            lookups.assignmentChanged(principal);
        }
    }

    @Override
    public List<MfaAssignment> listAssignments() {
        handoff.remove();
        List<MfaAssignment> all = jdbc.autoCommit("listAssignments", connection -> {
            List<MfaAssignment> found = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(sql.selectAllAssignments());
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
        handoff.remove();
        Objects.requireNonNull(configurationName, "configurationName");
        return jdbc.autoCommit("countAssignments", connection -> count(connection, configurationName));
    }

    /** @return the table prefix, never a value */
    @Override
    public String toString() {
        return "JdbcMfaConfigurationStore[tablePrefix=" + tables.prefix() + "]";
    }

    /**
     * Keeps the configuration columns of an assignment read (positioned on its first row) for the
     * {@link #findConfiguration} that follows. A configuration that is missing or does not decode is
     * not kept (nor cached): that call then reads it again, and reports it as it always does.
     *
     * @return the configuration kept, if any
     */
    private Optional<MfaConfiguration> handOver(String configurationName, ResultSet rows) throws SQLException {
        String type = rows.getString(3);
        if (type == null) {
            return Optional.empty();
        }
        long revision = rows.getLong(4);
        Map<String, String> options = new LinkedHashMap<>();
        do {
            addOption(options, rows.getString(5), rows.getString(6));
        } while (rows.next());
        MfaConfiguration configuration;
        try {
            configuration = new MfaConfiguration(configurationName, type, options, revision);
        } catch (RuntimeException e) {
            // Not written by mfa-store-jdbc; findConfiguration will say so.
            return Optional.empty();
        }
        handoff.set(new Handoff(configuration, ticker.read()));
        return Optional.of(configuration);
    }

    private void insertOptions(Connection connection, MfaConfiguration configuration) throws SQLException {
        if (configuration.options().isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(sql.insertOption())) {
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

    /**
     * Adds one to the count of changes, in the write's transaction, so that other nodes' lookup caches learn of it.
     * Last in the transaction: every writer takes this row's lock, and taking it last keeps it held only for the commit.
     */
    private void countChange(Connection connection) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql.countChange())) {
            if (update.executeUpdate() != 1) {
                throw new StoreException(missingChangeCount());
            }
        }
    }

    private Optional<Long> revision(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql.selectRevision())) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
            }
        }
    }

    /** Locks a configuration's row until the commit, so that it cannot be deleted or assigned meanwhile. */
    private boolean lockConfiguration(Connection connection, String name) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(sql.lockConfiguration())) {
            lock.setString(1, name);
            try (ResultSet rows = lock.executeQuery()) {
                return rows.next();
            }
        }
    }

    private long count(Connection connection, String configurationName) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql.countAssignments())) {
            select.setString(1, configurationName);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Reads a principal's assignment and locks its row until the commit. */
    private Optional<MfaAssignment> lockAssignment(Connection connection, PrincipalId principal) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql.lockAssignment())) {
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

        /** The longest {@link #lookupCache(Duration)} accepted: past it, a change on another node would go unseen too long. */
        public static final Duration MAX_LOOKUP_CACHE_AGE = Duration.ofHours(1);
        /** The {@link #lookupCacheSize(int)} used when none is given. */
        public static final int DEFAULT_LOOKUP_CACHE_SIZE = 100_000;
        /** The largest {@link #lookupCacheSize(int)} accepted. */
        public static final int MAX_LOOKUP_CACHE_SIZE = 10_000_000;

        private Ticker ticker = Ticker.system();
        private Duration lookupCacheAge = Duration.ZERO;
        private int lookupCacheSize = DEFAULT_LOOKUP_CACHE_SIZE;

        private Builder(DataSource dataSource) {
            super(dataSource, "the JDBC MFA configuration store");
        }

        /**
         * @param ticker the time source that bounds how long a configuration read with an
         *     assignment may answer the {@link JdbcMfaConfigurationStore#findConfiguration} that
         *     follows it (one second), and the interval of the {@linkplain #lookupCache(Duration)
         *     lookup cache}'s checks; {@link Ticker#system()} by default. Tests pass one they advance.
         * @return this builder
         * @throws NullPointerException if {@code ticker} is null
         */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * Turns on the lookup cache: {@link JdbcMfaConfigurationStore#findAssignment} answers a
         * principal's assignment, and the configuration read with it, from memory, so that a
         * verification of a principal looked up before costs one round trip fewer. Off by default.
         *
         * <p>How other nodes' changes reach it: every write through a
         * {@code JdbcMfaConfigurationStore} on these tables adds one to a count of changes (the
         * one row of {@code <prefix>change_count}) in its own transaction. The cache answers only
         * while a check of that count, begun less than {@code maxAge} ago, found it unchanged; when
         * a check is due, the next lookup on this node makes it (one short statement, by one caller
         * at a time, while the others read the database), and a changed count forgets every entry.
         * So a node makes at most one check per {@code maxAge}, however many principals it serves,
         * and an entry may answer for as long as nothing changes.
         *
         * <p>The staleness contract:
         * <ul>
         *   <li>a change made through this store instance (an assignment put or removed, a
         *       configuration created, updated or deleted) is seen by the next lookup on any
         *       thread: the write forgets what it affects before it returns, even when it fails;</li>
         *   <li>a change made through another instance on the same tables (another node) is seen
         *       here at most {@code maxAge} after it was committed: until then, an assignment
         *       removed there still asks this node for MFA (fail safe), and a configuration updated
         *       or deleted there still verifies here as it was (its old options, such as a Duo key
         *       that was rotated out, or its old assignments);</li>
         *   <li>a change made to the tables with SQL outside the store is seen only if the same
         *       transaction adds one to {@code <prefix>change_count.changes}, as the store does;</li>
         *   <li>an absence is never cached: a principal without an assignment is read every time,
         *       so a new assignment made anywhere takes effect at once on every node;</li>
         *   <li>a failed read is never cached; nor is an assignment whose configuration was not
         *       read with it. A check that fails leaves the cache answering nothing until one
         *       succeeds (a warning, {@code MFA-JDBC-004}).</li>
         * </ul>
         * The configuration reads of management ({@code findConfiguration}, {@code list...}) are
         * never answered from the cache; {@code MfaPrincipals.get} is, as it calls
         * {@code findAssignment}.
         *
         * <p>Entries hold configurations, whose secret options are as stored (sealed, with
         * {@code MfaService.builder().sealing(...)}); nothing logs them. They live in this store's
         * heap and go with it when it is no longer reachable. At most {@link #lookupCacheSize(int)}
         * principals are kept; past that, Caffeine drops those least likely to be asked for again.
         *
         * @param maxAge how long a change made on another node may go unseen here (the interval
         *     of the checks), more than zero and at most {@link #MAX_LOOKUP_CACHE_AGE};
         *     {@link Duration#ZERO} turns the cache off (the default)
         * @return this builder
         * @throws NullPointerException if {@code maxAge} is null
         * @throws IllegalArgumentException if {@code maxAge} is negative or longer than
         *     {@link #MAX_LOOKUP_CACHE_AGE}
         */
        public Builder lookupCache(Duration maxAge) {
            Objects.requireNonNull(maxAge, "maxAge");
            if (maxAge.isNegative() || maxAge.compareTo(MAX_LOOKUP_CACHE_AGE) > 0) {
                throw new IllegalArgumentException("the lookup cache's maximum age is zero (off) or positive and at most "
                        + MAX_LOOKUP_CACHE_AGE + ", not " + maxAge);
            }
            this.lookupCacheAge = maxAge;
            return this;
        }

        /**
         * @param maxEntries how many principals the {@linkplain #lookupCache(Duration) lookup
         *     cache} keeps at most, from 1 to {@link #MAX_LOOKUP_CACHE_SIZE};
         *     {@value #DEFAULT_LOOKUP_CACHE_SIZE} by default. Without the cache on, it has no effect.
         * @return this builder
         * @throws IllegalArgumentException if {@code maxEntries} is out of that range
         */
        public Builder lookupCacheSize(int maxEntries) {
            if (maxEntries < 1 || maxEntries > MAX_LOOKUP_CACHE_SIZE) {
                throw new IllegalArgumentException("the lookup cache keeps from 1 to " + MAX_LOOKUP_CACHE_SIZE
                        + " principals, not " + maxEntries);
            }
            this.lookupCacheSize = maxEntries;
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        @Override
        JdbcMfaConfigurationStore create(StoreSetup setup) {
            LookupCache lookups = lookupCacheAge.isZero() ? LookupCache.off() : LookupCache.of(lookupCacheAge, lookupCacheSize, ticker);
            return new JdbcMfaConfigurationStore(setup, ticker, lookups);
        }
    }
}
