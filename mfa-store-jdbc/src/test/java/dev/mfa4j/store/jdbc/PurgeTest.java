package dev.mfa4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Expired used-passcode rows go away, by claims now and then or by purgeExpired. */
abstract class PurgeTest {

    static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    TestDatabase database;
    String prefix;
    DataSource dataSource;
    JdbcAttemptStore store;

    abstract TestDatabase database();

    @BeforeEach
    void open() {
        database = database();
        prefix = TestDatabase.freshPrefix();
        dataSource = database.newDataSource();
        store = JdbcAttemptStore.builder(dataSource).tablePrefix(prefix).build();
    }

    @AfterEach
    void close() {
        // null when open() skipped the test (no PostgreSQL): a skip, not an error.
        if (database != null) {
            database.cleanUp(prefix);
        }
    }

    @Test
    void purgeExpiredDeletesOnlyExpiredRecordsInBatches() throws Exception {
        for (int i = 0; i < 1200; i++) {
            store.claimPasscode("Main\nprincipal/internal/user/u" + i, "f", T0, T0.plusSeconds(60));
        }
        store.claimPasscode("Main\nprincipal/internal/user/late", "f", T0, T0.plus(Duration.ofHours(1)));
        long before = rows();

        long purged = store.purgeExpired(T0.plusSeconds(60));

        assertThat(purged + rows()).isEqualTo(before);
        assertThat(rows()).isEqualTo(1);
        assertThat(store.claimPasscode("Main\nprincipal/internal/user/late", "f", T0.plusSeconds(61), T0.plusSeconds(600))).isFalse();
    }

    @Test
    void claimsPurgeNowAndThen() throws Exception {
        for (int i = 0; i < 300; i++) {
            store.claimPasscode("Main\nprincipal/internal/user/u" + i, "f", T0, T0.plusSeconds(60));
        }
        for (int i = 0; i < 300; i++) {
            store.claimPasscode("Main\nprincipal/internal/user/v" + i, "f", T0.plusSeconds(120), T0.plusSeconds(180));
        }

        assertThat(rows()).as("the claims deleted expired records along the way").isLessThan(600);
    }

    long rows() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + prefix + "used_passcode")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
