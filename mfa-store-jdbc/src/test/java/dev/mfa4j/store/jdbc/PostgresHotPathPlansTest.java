package dev.mfa4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.store.jdbc.internal.AttemptSql;
import dev.mfa4j.store.jdbc.internal.ConfigurationSql;
import dev.mfa4j.store.jdbc.internal.Tables;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every statement on the verification path reaches its rows through an index, on PostgreSQL, with
 * 20,000 principals' rows in the tables that grow with principals and 2,000 configurations:
 * {@code EXPLAIN} shows no sequential scan, for the plan made for the values given and for the
 * generic plan a server switches to for a statement it has prepared (both are checked, with
 * {@code plan_cache_mode}). (With a handful of configurations, PostgreSQL rightly reads their one
 * page instead of the index; that costs the same however many principals there are.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresHotPathPlansTest {

    private static final int PRINCIPALS = 20_000;
    private static final int CONFIGURATIONS = 2_000;
    private static final String KEY = "principal/internal/user/u0004242";
    private static final String SCOPE = "Main\n" + KEY;

    private PostgresDatabase database;
    private DataSource dataSource;
    private String prefix;
    private AttemptSql attempts;
    private ConfigurationSql configurations;

    @BeforeAll
    void fill() throws SQLException {
        database = PostgresDatabase.require();
        dataSource = database.newDataSource();
        prefix = TestDatabase.freshPrefix();
        JdbcMfaConfigurationStore.builder(dataSource).tablePrefix(prefix).build();
        Tables tables = new Tables(prefix);
        attempts = AttemptSql.of(Dialect.POSTGRESQL, tables);
        configurations = ConfigurationSql.of(Dialect.POSTGRESQL, tables);
        String path = "'principal/internal/user/u' || lpad(i::text, 7, '0')";
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(tables.expand("INSERT INTO ${prefix}configuration SELECT 'C' || i, 'fake', 1 FROM generate_series(0, "
                    + (CONFIGURATIONS - 1) + ") i"));
            statement.execute(tables.expand("INSERT INTO ${prefix}configuration VALUES ('Main', 'fake', 1)"));
            statement.execute(tables.expand("INSERT INTO ${prefix}configuration_option SELECT name, o, 'Option' || o, 'value' "
                    + "FROM ${prefix}configuration, generate_series(0, 2) o"));
            statement.execute(tables.expand("INSERT INTO ${prefix}assignment SELECT " + path + ", CASE WHEN i % 2 = 0 THEN 'Main' "
                    + "ELSE 'C' || (i % " + CONFIGURATIONS + ") END, 'u' || i FROM generate_series(0, " + (PRINCIPALS - 1) + ") i"));
            statement.execute(tables.expand("INSERT INTO ${prefix}attempt (attempt_key, failures, window_pushes) SELECT " + path
                    + ", i % 3, 0 FROM generate_series(0, " + (PRINCIPALS - 1) + ") i"));
            // Expiry times in no relation to where the rows lie, as after weeks of claims and sweeps: a plan that reads
            // the table in order cannot then count on finding the expired rows first.
            statement.execute(tables.expand("INSERT INTO ${prefix}used_passcode SELECT 'Main' || chr(10) || " + path
                    + ", 'h1:' || md5(i::text), 1764669600000000 + ((i * 7919) % " + PRINCIPALS + ") * 1000 FROM generate_series(0, "
                    + (PRINCIPALS - 1) + ") i"));
            for (String table : List.of("configuration", "configuration_option", "assignment", "attempt", "used_passcode")) {
                statement.execute("ANALYZE " + prefix + table);
            }
        }
    }

    @AfterAll
    void drop() {
        if (database != null) {
            database.cleanUp(prefix);
        }
    }

    /** A statement of the verification path and values for its parameters, in order. */
    Stream<Arguments> statements() {
        long now = 1_764_669_600_000_000L + PRINCIPALS * 500L;
        return Stream.of(
                Arguments.of("assignment and configuration", configurations.selectAssignment(), List.of(KEY)),
                Arguments.of("configuration", configurations.selectConfiguration(), List.of("Main")),
                Arguments.of("admit", attempts.admit().upsert(), List.of(KEY, NULL_BIGINT, 5, now + 900_000_000L, now)),
                Arguments.of("admit and claim", attempts.admitAndClaim(), List.of(KEY, NULL_BIGINT, 5, now + 900_000_000L, now, SCOPE,
                        "h1:00", now + 600_000_000L, now + 600_000_000L, now, KEY)),
                Arguments.of("lockout", attempts.lockedUntil(), List.of(KEY)),
                Arguments.of("claim", attempts.claim().upsert(), List.of(SCOPE, "h1:00", now + 600_000_000L, now + 600_000_000L, now)),
                Arguments.of("release", attempts.release(), List.of(SCOPE, "h1:00")),
                Arguments.of("success", attempts.success(), List.of(KEY)),
                Arguments.of("refund", attempts.refund(), List.of(KEY)),
                Arguments.of("admit push", attempts.admitPush().upsert(), List.of(KEY, "p", now + 300_000_000L, now, "p",
                        now + 300_000_000L, now - 300_000_000L, now - 300_000_000L, now, now, now - 300_000_000L, 3)),
                Arguments.of("push state", attempts.pushState(), List.of(KEY)),
                Arguments.of("end push", attempts.endPush(), List.of(KEY, "p")),
                Arguments.of("sweep", attempts.purge(), List.of(now - 600_000_000L, now, 500)));
    }

    private static final Object NULL_BIGINT = new Object();

    @ParameterizedTest(name = "{0}")
    @MethodSource("statements")
    void usesAnIndexNeverASequentialScan(String name, String sql, List<Object> values) throws SQLException {
        for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
            String plan = explain(sql, values, mode);

            assertThat(plan).as(mode + "\n" + plan).doesNotContain("Seq Scan");
            if (sql.startsWith("WITH") && sql.contains("INSERT")) {
                assertThat(plan).as(mode + "\n" + plan).contains("Conflict Arbiter Indexes: " + prefix + "attempt_pkey")
                        .contains("Conflict Arbiter Indexes: " + prefix + "used_passcode_pkey")
                        .containsPattern("Index (Only )?Scan using " + prefix + "attempt_pkey on ");
            } else if (sql.startsWith("INSERT")) {
                assertThat(plan).as(mode + "\n" + plan).containsPattern("Conflict Arbiter Indexes: " + prefix + "\\w+_pkey");
            } else {
                assertThat(plan).as(mode + "\n" + plan).containsPattern("Index (Only )?Scan using " + prefix + "\\w+ on ");
            }
        }
    }

    private String explain(String sql, List<Object> values, String mode) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET plan_cache_mode = " + mode);
            }
            List<String> lines = new ArrayList<>();
            try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql)) {
                for (int i = 0; i < values.size(); i++) {
                    Object value = values.get(i);
                    if (value == NULL_BIGINT) {
                        explain.setNull(i + 1, Types.BIGINT);
                    } else {
                        explain.setObject(i + 1, value);
                    }
                }
                try (ResultSet rows = explain.executeQuery()) {
                    while (rows.next()) {
                        lines.add(rows.getString(1));
                    }
                }
            } finally {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("RESET plan_cache_mode");
                }
            }
            return String.join("\n", lines);
        }
    }
}
