package dev.mfa4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
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

    /**
     * A sweep starts after the latest expiry the node's sweeps deleted, so that it does not step
     * over the index entries of the rows they deleted; a record expiring before that (from a node
     * whose clock lags) is left to the sweep that starts from the oldest, every 16th.
     */
    @Test
    void sweepsStartAfterWhatTheySweptAndEverySixteenthFromTheOldest() throws Exception {
        for (int i = 0; i < 10; i++) {
            store.claimPasscode("Main\nprincipal/internal/user/old" + i, "f", T0, T0.plusSeconds(60));
        }
        Instant later = T0.plusSeconds(120);
        claimFresh(246, later);                                     // the 256th claim: sweep 1, from the oldest
        assertThat(rows()).as("sweep 1 deleted the 10 expired records").isEqualTo(246);

        insertExpiring("Main\nprincipal/internal/user/lagging", T0.plusSeconds(30));
        claimFresh(256, later);                                     // sweep 2: after T0 + 60 s
        assertThat(rows()).as("the record expiring before what sweep 1 deleted is left").isEqualTo(246 + 1 + 256);

        claimFresh(14 * 256, later);                                // sweeps 3 to 16; the 16th from the oldest
        assertThat(rows()).as("sweep 16 deleted it").isEqualTo(246 + 256 + 14 * 256);
    }

    private int fresh;

    private void claimFresh(int claims, Instant now) {
        for (int i = 0; i < claims; i++) {
            store.claimPasscode("Main\nprincipal/internal/user/fresh" + fresh++, "f", now, now.plusSeconds(3600));
        }
    }

    private void insertExpiring(String scope, Instant expiresAt) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO " + prefix
                        + "used_passcode (scope, fingerprint, expires_at_us) VALUES (?, 'f', ?)")) {
            insert.setString(1, scope);
            insert.setLong(2, java.time.temporal.ChronoUnit.MICROS.between(Instant.EPOCH, expiresAt));
            insert.executeUpdate();
        }
    }
}
