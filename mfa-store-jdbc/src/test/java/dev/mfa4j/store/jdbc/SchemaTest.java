package dev.mfa4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.StoreException;
import dev.mfa4j.store.jdbc.internal.Schema;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Schema creation, repeat, check-only mode and version mismatches, on H2. */
class SchemaTest {

    private final H2Database database = new H2Database();
    private final DataSource dataSource = database.newDataSource();

    @Test
    void buildingTwiceMigratesOnceAndKeepsTheData() throws Exception {
        JdbcMfaConfigurationStore first = JdbcMfaConfigurationStore.builder(dataSource).build();
        first.createConfiguration(MfaConfiguration.of("Main", "fake", Map.of("Passcode", "1234")));

        JdbcMfaConfigurationStore again = JdbcMfaConfigurationStore.builder(dataSource).build();
        JdbcAttemptStore attempts = JdbcAttemptStore.builder(dataSource).build();

        assertThat(again.findConfiguration("Main")).isPresent();
        assertThat(attempts.tablePrefix()).isEqualTo("mfa_");
        assertThat(query("SELECT COUNT(*) FROM mfa_schema_version")).as("versions 1 to 3, each once").isEqualTo(3);
        assertThat(query("SELECT COUNT(*) FROM mfa_change_count")).as("one row").isEqualTo(1);
        assertThat(query("SELECT changes FROM mfa_change_count")).as("the one create").isEqualTo(1);
    }

    @Test
    void tablesAtVersionOneAreUpgradedKeepingTheirData() throws Exception {
        // Version 1 as an earlier mfa-store-jdbc left it: its script, and its line in schema_version.
        try (InputStream script = Schema.class.getResourceAsStream("/dev/mfa4j/store/jdbc/h2/V1__initial_schema.sql")) {
            String text = new String(script.readAllBytes(), StandardCharsets.UTF_8).replace("${prefix}", "mfa_");
            execute("CREATE TABLE mfa_schema_version (version INTEGER NOT NULL PRIMARY KEY, description VARCHAR(200) NOT NULL, "
                    + "installed_at_us BIGINT NOT NULL)");
            for (String statement : text.lines().filter(line -> !line.strip().startsWith("--")).collect(Collectors.joining("\n"))
                    .split(";")) {
                if (!statement.isBlank()) {
                    execute(statement);
                }
            }
            execute("INSERT INTO mfa_schema_version (version, description, installed_at_us) VALUES (1, 'initial schema', 0)");
            execute("INSERT INTO mfa_configuration (name, provider_type, revision) VALUES ('Main', 'fake', 3)");
        }
        assertThatThrownBy(() -> JdbcEnrollmentStore.builder(dataSource).migrate(false).build())
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("schema version 1 but this mfa-store-jdbc needs 3");

        JdbcEnrollmentStore enrollments = JdbcEnrollmentStore.builder(dataSource).build();

        assertThat(enrollments.list(PrincipalId.parse("principal/internal/user/bob"))).isEmpty();
        assertThat(JdbcMfaConfigurationStore.builder(dataSource).migrate(false).build().findConfiguration("Main"))
                .hasValueSatisfying(kept -> assertThat(kept.revision()).isEqualTo(3));
        assertThat(query("SELECT MAX(version) FROM mfa_schema_version")).isEqualTo(3);
        assertThat(query("SELECT changes FROM mfa_change_count")).as("counted from the upgrade on").isEqualTo(0);
    }

    @Test
    void theDialectIsDetected() {
        assertThat(Dialect.forProductName("PostgreSQL")).contains(Dialect.POSTGRESQL);
        assertThat(Dialect.forProductName("H2")).contains(Dialect.H2);
        assertThat(Dialect.forProductName("MySQL")).isEmpty();
        assertThat(JdbcMfaConfigurationStore.builder(dataSource).build().listConfigurations()).isEmpty();
    }

    @Test
    void withoutMigrationAMissingSchemaIsRefusedWithWhatToDo() {
        assertThatThrownBy(() -> JdbcMfaConfigurationStore.builder(dataSource).migrate(false).build())
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("prefix mfa_")
                .hasMessageContaining("migrate(true)");
    }

    @Test
    void withoutMigrationAnExistingSchemaIsUsed() {
        JdbcMfaConfigurationStore.builder(dataSource).tablePrefix("ready_").build();

        assertThat(JdbcAttemptStore.builder(dataSource).tablePrefix("ready_").migrate(false).build().tablePrefix()).isEqualTo("ready_");
    }

    @Test
    void aNewerSchemaIsRefusedRatherThanMisread() throws Exception {
        JdbcMfaConfigurationStore.builder(dataSource).build();
        execute("INSERT INTO mfa_schema_version (version, description, installed_at_us) VALUES (99, 'from the future', 0)");

        assertThatThrownBy(() -> JdbcMfaConfigurationStore.builder(dataSource).build())
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("schema version 99");
        assertThatThrownBy(() -> JdbcAttemptStore.builder(dataSource).migrate(false).build())
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("schema version 99");
    }

    @Test
    void prefixesKeepStoresApart() {
        JdbcMfaConfigurationStore a = JdbcMfaConfigurationStore.builder(dataSource).tablePrefix("a_").build();
        JdbcMfaConfigurationStore b = JdbcMfaConfigurationStore.builder(dataSource).tablePrefix("b_").build();

        a.createConfiguration(MfaConfiguration.of("Main", "fake", Map.of()));

        assertThat(b.findConfiguration("Main")).isEmpty();
        assertThat(b.createConfiguration(MfaConfiguration.of("Main", "fake", Map.of())).revision()).isEqualTo(1);
    }

    @Test
    void anUnreachableDatabaseFailsTheBuildWithAStoreException() {
        SwitchableDataSource gone = new SwitchableDataSource(dataSource);
        gone.goAway();

        assertThatThrownBy(() -> JdbcAttemptStore.builder(gone).build())
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("SQLState 08001");
    }

    private long query(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
