package dev.mfa4j.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.spi.AttemptStore;
import dev.mfa4j.api.spi.AttemptStore.PushAdmission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * More races than the contract's, on fresh keys (where the first statements race to insert the
 * row) and on existing rows (where they race on the row lock), from two nodes' connections: the
 * evidence that each check-and-change is atomic on this database.
 */
abstract class AttemptRaceTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static final int ROUNDS = 8;
    private static final int CALLS = 120;

    private TestDatabase database;
    private String prefix;
    private AttemptStore first;
    private AttemptStore second;
    private ExecutorService pool;

    abstract TestDatabase database();

    @BeforeEach
    void start() {
        database = database();
        prefix = TestDatabase.freshPrefix();
        first = JdbcAttemptStore.builder(database.newDataSource()).tablePrefix(prefix).build();
        second = JdbcAttemptStore.builder(database.newDataSource()).tablePrefix(prefix).build();
        pool = Executors.newFixedThreadPool(16);
    }

    @AfterEach
    void stop() {
        if (pool == null) {
            return;
        }
        pool.shutdownNow();
        database.cleanUp(prefix);
    }

    @Test
    void admissionsNeverExceedTheLimitOnNewOrExistingRows() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String key = "principal/internal/user/u" + round;
            if (round % 2 == 1) {
                // An existing row, with a lockout that has ended: the race is on the row lock and the re-check.
                first.admit(key, T0.minus(Duration.ofHours(1)), 1, Duration.ofMinutes(1));
            }
            int limit = 3 + round;
            int admitted = race(node -> node.admit(key, T0, limit, Duration.ofMinutes(15)).admitted());

            assertThat(admitted).as("round %d", round).isEqualTo(limit);
        }
    }

    @Test
    void aPasscodeIsClaimedOnceOnNewOrExpiredRecords() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String scope = "Main\nprincipal/internal/user/u" + round;
            if (round % 2 == 1) {
                first.claimPasscode(scope, "f", T0.minus(Duration.ofHours(1)), T0.minusSeconds(1));
            }
            int claimed = race(node -> node.claimPasscode(scope, "f", T0, T0.plusSeconds(600)));

            assertThat(claimed).as("round %d", round).isEqualTo(1);
        }
    }

    @Test
    void admitAndClaimNeverAdmitsMoreThanTheLimitOnNewOrExistingRows() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String key = "principal/internal/user/u" + round;
            if (round % 2 == 1) {
                first.admit(key, T0.minus(Duration.ofHours(1)), 1, Duration.ofMinutes(1));
            }
            int limit = 3 + round;
            int[] id = {0};
            int claimed = race(node -> {
                String fingerprint;
                synchronized (id) {
                    fingerprint = "f" + id[0]++;
                }
                return node.admitAndClaim(key, T0, limit, Duration.ofMinutes(15), "Main\n" + key, fingerprint, T0.plusSeconds(600))
                        .claimed();
            });

            assertThat(claimed).as("round %d: each a different passcode, so every admitted one claimed", round).isEqualTo(limit);
            int unclaimed = 0;
            for (int i = 0; i < CALLS; i++) {
                if (first.claimPasscode("Main\n" + key, "f" + i, T0, T0.plusSeconds(600))) {
                    unclaimed++;
                }
            }
            assertThat(unclaimed).as("round %d: the refused attempts claimed nothing", round).isEqualTo(CALLS - limit);
        }
    }

    @Test
    void admitAndClaimOfOnePasscodeClaimsItOnceAndCountsEveryAttempt() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String key = "principal/internal/user/u" + round;
            String scope = "Main\n" + key;
            if (round % 2 == 1) {
                first.admit(key, T0.minus(Duration.ofHours(1)), 1, Duration.ofMinutes(1));
                first.claimPasscode(scope, "f", T0.minus(Duration.ofHours(1)), T0.minusSeconds(1));
            }
            int limit = CALLS + 1;
            int claimed = race(node -> node.admitAndClaim(key, T0, limit, Duration.ofMinutes(15), scope, "f", T0.plusSeconds(600))
                    .claimed());

            assertThat(claimed).as("round %d", round).isEqualTo(1);
            assertThat(first.admit(key, T0, limit, Duration.ofMinutes(15)).admitted()).as("round %d: one left", round).isTrue();
            assertThat(second.admit(key, T0, limit, Duration.ofMinutes(15)).admitted()).as("round %d: all counted", round).isFalse();
        }
    }

    @Test
    void onePushIsAdmittedOnNewOrExistingRows() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String key = "principal/internal/user/u" + round;
            if (round % 2 == 1) {
                first.admit(key, T0, 100, Duration.ofMinutes(1));
            }
            int[] id = {0};
            int admitted = race(node -> {
                String pushId;
                synchronized (id) {
                    pushId = "p" + id[0]++;
                }
                return node.admitPush(key, pushId, T0, 100, Duration.ofMinutes(5), T0.plusSeconds(60)) == PushAdmission.ADMITTED;
            });

            assertThat(admitted).as("round %d", round).isEqualTo(1);
        }
    }

    private interface Call {
        boolean on(AttemptStore node);
    }

    private int race(Call call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            AttemptStore node = i % 2 == 0 ? first : second;
            Callable<Boolean> task = () -> {
                start.await();
                return call.on(node);
            };
            results.add(pool.submit(task));
        }
        start.countDown();
        int passed = 0;
        for (Future<Boolean> result : results) {
            if (result.get(2, TimeUnit.MINUTES)) {
                passed++;
            }
        }
        return passed;
    }
}
