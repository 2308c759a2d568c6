package dev.mfa4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * The JDBC stores' row readers, on rows that something other than mfa-store-jdbc wrote: anything
 * the schema's column types and checks allow. Each read ends in a value or the documented
 * {@link StoreException}, never another exception or a hang. On H2.
 */
class RowReadersFuzzTest {

    private static final PrincipalId BOB = PrincipalId.parse("principal/internal/user/bob");
    private static final String KEY = BOB.path();

    private static H2Database database;
    private static DataSource dataSource;
    private static String prefix;
    private static JdbcMfaConfigurationStore configurations;
    private static JdbcAttemptStore attempts;
    private static JdbcEnrollmentStore enrollments;

    /** One configuration row, its options and an assignment to it, as strange as the columns allow. */
    record Rows(String name, String type, long revision, List<String> optionKeys, String optionValue, String principal,
            String providerUserId) {
    }

    /** One enrollment row and its values. */
    record EnrollmentRows(String slot, long revision, long updated, List<String> valueKeys, String value, boolean secret) {
    }

    /** One attempt row. */
    record AttemptRow(int failures, Long lockedUntil, String pendingPush, Long pendingUntil, Long windowStart, int windowPushes) {
    }

    @BeforeContainer
    static void start() {
        database = new H2Database();
        dataSource = database.newDataSource();
        prefix = TestDatabase.freshPrefix();
        configurations = JdbcMfaConfigurationStore.builder(dataSource).tablePrefix(prefix).build();
        attempts = JdbcAttemptStore.builder(dataSource).tablePrefix(prefix).build();
        enrollments = JdbcEnrollmentStore.builder(dataSource).tablePrefix(prefix).build();
    }

    @AfterContainer
    static void stop() {
        database.cleanUp(prefix);
    }

    @BeforeTry
    void empty() throws SQLException {
        try (Connection connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            for (String table : List.of("assignment", "configuration_option", "configuration", "attempt", "used_passcode",
                    "enrollment_value", "enrollment")) {
                statement.execute("DELETE FROM " + prefix + table);
            }
        }
    }

    @Property(seed = "20261207")
    void configurationAndAssignmentRowsReadAsValuesOrAStoreException(@ForAll("rows") Rows rows) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            insert(connection, "INSERT INTO " + prefix + "configuration (name, provider_type, revision) VALUES (?, ?, ?)",
                    rows.name(), rows.type(), rows.revision());
            int ordinal = 0;
            for (String key : rows.optionKeys()) {
                insert(connection, "INSERT INTO " + prefix + "configuration_option (configuration_name, ordinal, option_key, option_value) "
                        + "VALUES (?, ?, ?, ?)", rows.name(), ordinal++, key, rows.optionValue());
            }
            insert(connection, "INSERT INTO " + prefix + "assignment (principal, configuration_name, provider_user_id) VALUES (?, ?, ?)",
                    rows.principal(), rows.name(), rows.providerUserId());
        }

        readsEnd(() -> configurations.findConfiguration(rows.name()));
        readsEnd(() -> configurations.listConfigurations());
        readsEnd(() -> configurations.listAssignments());
        readsEnd(() -> configurations.countAssignments(rows.name()));
        readsEnd(() -> configurations.findAssignment(BOB));
        Optional<PrincipalId> parsed = parse(rows.principal());
        parsed.ifPresent(principal -> readsEnd(() -> configurations.findAssignment(principal)));
    }

    @Property(seed = "20261208")
    void attemptRowsReadAsAnswersOrAStoreException(@ForAll("attemptRows") AttemptRow row) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            insert(connection, "INSERT INTO " + prefix + "attempt (attempt_key, failures, locked_until_us, pending_push, pending_until_us, "
                    + "window_start_us, window_pushes) VALUES (?, ?, ?, ?, ?, ?, ?)", KEY, row.failures(), row.lockedUntil(), row.pendingPush(),
                    row.pendingUntil(), row.windowStart(), row.windowPushes());
        }
        Instant now = Instant.parse("2026-12-02T10:00:00Z");

        readsEnd(() -> attempts.admitPush(KEY, "push-1", now, 3, Duration.ofMinutes(5), now.plusSeconds(60)));
        readsEnd(() -> attempts.admit(KEY, now, 5, Duration.ofMinutes(15)));
        readsEnd(() -> {
            attempts.endPush(KEY, "push-1");
            attempts.refund(KEY);
            return attempts.claimPasscode("Main\n" + KEY, "h1:00", now, now.plusSeconds(600));
        });
        readsEnd(() -> {
            attempts.recordSuccess(KEY);
            return attempts.admit(KEY, now, 5, Duration.ofMinutes(15));
        });
    }

    @Property(seed = "20261209")
    void enrollmentRowsReadAsValuesOrAStoreException(@ForAll("enrollmentRows") EnrollmentRows rows) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            insert(connection, "INSERT INTO " + prefix + "enrollment (principal, slot, revision, updated_at_us) VALUES (?, ?, ?, ?)", KEY,
                    rows.slot(), rows.revision(), rows.updated());
            int ordinal = 0;
            for (String key : rows.valueKeys()) {
                insert(connection, "INSERT INTO " + prefix + "enrollment_value (principal, slot, ordinal, value_key, value_text, secret) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", KEY, rows.slot(), ordinal++, key, rows.value(), rows.secret());
            }
        }

        readsEnd(() -> enrollments.find(BOB, "provider/Main"));
        readsEnd(() -> enrollments.list(BOB));
        readsEnd(() -> enrollments.remove(BOB, "provider/Main", rows.revision()));
        readsEnd(() -> enrollments.removeAll(BOB));
    }

    private static void readsEnd(java.util.function.Supplier<?> read) {
        try {
            Object value = assertTimeoutPreemptively(Duration.ofSeconds(30), read::get);
            assertThat(value).isNotNull();
        } catch (StoreException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    private static Optional<PrincipalId> parse(String path) {
        try {
            return Optional.of(PrincipalId.parse(path));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void insert(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    statement.setNull(i + 1, Types.BIGINT);
                } else {
                    statement.setObject(i + 1, values[i]);
                }
            }
            statement.executeUpdate();
        }
    }

    /** Mostly valid values with a few characters, lengths or numbers that are not. */
    private static Arbitrary<String> text(int maxLength, Arbitrary<String> valid) {
        Arbitrary<String> any = Arbitraries.strings().all().ofMinLength(0).ofMaxLength(maxLength)
                .filter(s -> s.codePoints().allMatch(Character::isValidCodePoint) && !s.chars().anyMatch(c -> c == 0));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, valid), net.jqwik.api.Tuple.of(2, any));
    }

    @Provide
    Arbitrary<Rows> rows() {
        Arbitrary<String> name = text(128, Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20)).filter(s -> !s.isEmpty());
        Arbitrary<String> type = text(32, Arbitraries.of("fake", "duo", "scripted")).filter(s -> !s.isEmpty());
        Arbitrary<Long> revision = Arbitraries.oneOf(Arbitraries.longs().between(1, Long.MAX_VALUE), Arbitraries.of(1L, Long.MAX_VALUE));
        Arbitrary<List<String>> keys = text(64, Arbitraries.of("Passcode", "Host", "SecretKey", "x")).list().ofMaxSize(4).uniqueElements();
        Arbitrary<String> value = text(300, Arbitraries.of("77552", "api-1.duosecurity.com", "********"));
        Arbitrary<String> principal = text(400, Arbitraries.of(KEY, "principal/internal/group/admins", "Principal/LDAP/User/BOB"));
        Arbitrary<String> userId = text(256, Arbitraries.of("bob", "DUYHV6TJBC3O4RITS1WC"));
        return Combinators.combine(name, type, revision, keys, value, principal, userId).as(Rows::new);
    }

    @Provide
    Arbitrary<EnrollmentRows> enrollmentRows() {
        Arbitrary<String> slot = text(200, Arbitraries.of("provider/Main", "recovery-codes", "pending/Main")).filter(s -> !s.isEmpty());
        Arbitrary<Long> revision = Arbitraries.oneOf(Arbitraries.longs().between(1, Long.MAX_VALUE), Arbitraries.of(1L, Long.MAX_VALUE));
        Arbitrary<Long> micros = Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.of(0L, Long.MIN_VALUE, Long.MAX_VALUE));
        Arbitrary<List<String>> keys = text(64, Arbitraries.of("Secret", "C_ABCD", "Generated", "_x")).list().ofMaxSize(4)
                .uniqueElements();
        Arbitrary<String> value = text(300, Arbitraries.of("sealed:v1:k:AAAA", "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA"));
        return Combinators.combine(slot, revision, micros, keys, value, Arbitraries.of(true, false)).as(EnrollmentRows::new);
    }

    @Provide
    Arbitrary<AttemptRow> attemptRows() {
        Arbitrary<Long> micros = Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.of(0L, Long.MIN_VALUE, Long.MAX_VALUE,
                1_764_669_600_000_000L)).injectNull(0.3);
        Arbitrary<String> push = text(200, Arbitraries.of("push-1", "push-2")).injectNull(0.3);
        Arbitrary<Integer> count = Arbitraries.oneOf(Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.of(0, 4, 5,
                Integer.MAX_VALUE));
        return Combinators.combine(count, micros, push, micros, micros, count).as(AttemptRow::new);
    }
}
