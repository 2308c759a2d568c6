package dev.mfa4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PostgresPurgeTest extends PurgeTest {

    /** Skips (or, with CI=true, fails) each test when no server is reachable. */
    @Override
    TestDatabase database() {
        return PostgresDatabase.require();
    }

    @Test
    void aRowAnotherTransactionHoldsIsLeftForLaterNotWaitedFor() throws Exception {
        for (int i = 0; i < 10; i++) {
            store.claimPasscode("Main\nprincipal/internal/user/u" + i, "f", T0, T0.plusSeconds(60));
        }
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("SELECT 1 FROM " + prefix + "used_passcode WHERE scope = ? FOR UPDATE")) {
                lock.setString(1, "Main\nprincipal/internal/user/u3");
                try (ResultSet locked = lock.executeQuery()) {
                    assertThat(locked.next()).isTrue();
                }
            }

            // A wait would end only with the other transaction; the bound catches a hang, it measures nothing.
            long purged = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> store.purgeExpired(T0.plusSeconds(60)));

            assertThat(purged).isEqualTo(9);
            other.rollback();
        }
        assertThat(rows()).isEqualTo(1);
        assertThat(store.purgeExpired(T0.plusSeconds(60))).isEqualTo(1);
    }
}
