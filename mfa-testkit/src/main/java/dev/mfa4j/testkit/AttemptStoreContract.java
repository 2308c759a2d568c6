package dev.mfa4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.spi.AttemptStore;
import dev.mfa4j.api.spi.AttemptStore.Admission;
import dev.mfa4j.api.spi.AttemptStore.PasscodeAdmission;
import dev.mfa4j.api.spi.AttemptStore.PushAdmission;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link AttemptStore} must meet, including the atomicity that keeps
 * concurrent guesses under the limit. Extend it and return a new, empty store from
 * {@link #newStore()}; for a shared store, also from several nodes' connections, via
 * {@link #secondNodeView()}.
 *
 * @since 0.1.0
 */
public abstract class AttemptStoreContract {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static final Duration COOL_DOWN = Duration.ofMinutes(15);
    private static final String BOB = "principal/internal/user/bob";

    private AttemptStore store;
    private AttemptStore other;

    /** For subclasses. */
    protected AttemptStoreContract() {
    }

    /** @return a new, empty store; called before each test */
    protected abstract AttemptStore newStore();

    /**
     * @return a second view of the store {@link #newStore()} just made, as another node would see
     *     it (another connection, another client); the same instance for a single-node store
     */
    protected AttemptStore secondNodeView() {
        return store;
    }

    /** Creates the store under test. */
    @BeforeEach
    void createStore() {
        store = newStore();
        other = secondNodeView();
    }

    @Test
    void admitsUpToTheLimitThenLocksForTheCoolDown() {
        for (int i = 0; i < 3; i++) {
            assertThat(store.admit(BOB, T0, 3, COOL_DOWN)).isEqualTo(Admission.ADMITTED);
        }

        Admission refused = store.admit(BOB, T0.plusSeconds(1), 3, COOL_DOWN);

        assertThat(refused.admitted()).isFalse();
        assertThat(refused.lockedUntil()).contains(T0.plus(COOL_DOWN));
        assertThat(other.admit(BOB, T0.plus(COOL_DOWN).minusMillis(1), 3, COOL_DOWN).admitted()).isFalse();
        assertThat(other.admit(BOB, T0.plus(COOL_DOWN), 3, COOL_DOWN)).as("the lockout ended").isEqualTo(Admission.ADMITTED);
        assertThat(store.admit(BOB, T0.plus(COOL_DOWN), 3, COOL_DOWN)).as("with a fresh count").isEqualTo(Admission.ADMITTED);
    }

    @Test
    void keysAreIndependent() {
        store.admit(BOB, T0, 1, COOL_DOWN);

        assertThat(store.admit(BOB, T0, 1, COOL_DOWN).admitted()).isFalse();
        assertThat(store.admit("principal/internal/user/alice", T0, 1, COOL_DOWN)).isEqualTo(Admission.ADMITTED);
    }

    @Test
    void aSuccessClearsTheCountAndTheLockout() {
        store.admit(BOB, T0, 2, COOL_DOWN);
        store.admit(BOB, T0, 2, COOL_DOWN);

        other.recordSuccess(BOB);

        assertThat(store.admit(BOB, T0, 2, COOL_DOWN)).isEqualTo(Admission.ADMITTED);
        assertThat(store.admit(BOB, T0, 2, COOL_DOWN)).isEqualTo(Admission.ADMITTED);
        assertThat(store.admit(BOB, T0, 2, COOL_DOWN).admitted()).isFalse();
    }

    @Test
    void aRefundTakesBackOneAttemptAndLiftsTheLockoutItCaused() {
        store.admit(BOB, T0, 2, COOL_DOWN);
        store.admit(BOB, T0, 2, COOL_DOWN);

        other.refund(BOB);

        assertThat(store.admit(BOB, T0, 2, COOL_DOWN)).isEqualTo(Admission.ADMITTED);
        assertThat(store.admit(BOB, T0, 2, COOL_DOWN).admitted()).isFalse();
        store.refund("principal/internal/user/nobody");
        store.refund("principal/internal/user/nobody");
        assertThat(store.admit("principal/internal/user/nobody", T0, 1, COOL_DOWN)).as("never below zero").isEqualTo(Admission.ADMITTED);
    }

    @Test
    void concurrentAdmissionsNeverExceedTheLimit() throws Exception {
        int limit = 5;
        AtomicInteger admitted = new AtomicInteger();
        Concurrently.run(100, 8, i -> {
            if ((i % 2 == 0 ? store : other).admit(BOB, T0, limit, COOL_DOWN).admitted()) {
                admitted.incrementAndGet();
            }
        });

        assertThat(admitted).hasValue(limit);
    }

    @Test
    void aPasscodeIsClaimedOnceUntilItExpires() {
        Instant expiry = T0.plus(Duration.ofMinutes(10));

        assertThat(store.claimPasscode("Main\n" + BOB, "f1", T0, expiry)).isTrue();
        assertThat(other.claimPasscode("Main\n" + BOB, "f1", T0.plusSeconds(60), expiry)).isFalse();
        assertThat(store.claimPasscode("Other\n" + BOB, "f1", T0, expiry)).as("another scope").isTrue();
        assertThat(store.claimPasscode("Main\n" + BOB, "f2", T0, expiry)).as("another passcode").isTrue();
        assertThat(store.claimPasscode("Main\n" + BOB, "f1", expiry, expiry.plusSeconds(600))).as("after expiry").isTrue();
    }

    @Test
    void aReleasedClaimCanBeClaimedAgain() {
        store.claimPasscode("Main\n" + BOB, "f1", T0, T0.plusSeconds(600));

        other.releasePasscode("Main\n" + BOB, "f1");

        assertThat(store.claimPasscode("Main\n" + BOB, "f1", T0, T0.plusSeconds(600))).isTrue();
    }

    @Test
    void concurrentClaimsOfOnePasscodeLetExactlyOneWin() throws Exception {
        AtomicInteger wins = new AtomicInteger();
        Concurrently.run(50, 8, i -> {
            if ((i % 2 == 0 ? store : other).claimPasscode("Main\n" + BOB, "f1", T0, T0.plusSeconds(600))) {
                wins.incrementAndGet();
            }
        });

        assertThat(wins).hasValue(1);
    }

    @Test
    void admitAndClaimCountsTheAttemptAndClaimsThePasscode() {
        Instant expiry = T0.plus(Duration.ofMinutes(10));

        assertThat(store.admitAndClaim(BOB, T0, 2, COOL_DOWN, "Main\n" + BOB, "f1", expiry)).isEqualTo(PasscodeAdmission.CLAIMED);

        assertThat(other.claimPasscode("Main\n" + BOB, "f1", T0.plusSeconds(1), expiry)).as("claimed").isFalse();
        assertThat(other.admit(BOB, T0, 2, COOL_DOWN)).as("the second of 2").isEqualTo(Admission.ADMITTED);
        assertThat(other.admit(BOB, T0, 2, COOL_DOWN).admitted()).as("counted: 2 reached").isFalse();
    }

    @Test
    void admitAndClaimOfALockedOutKeyClaimsNothingAndSaysUntilWhen() {
        store.admit(BOB, T0, 1, COOL_DOWN);

        PasscodeAdmission refused = other.admitAndClaim(BOB, T0.plusSeconds(1), 1, COOL_DOWN, "Main\n" + BOB, "f1",
                T0.plusSeconds(601));

        assertThat(refused.admission().admitted()).isFalse();
        assertThat(refused.admission().lockedUntil()).contains(T0.plus(COOL_DOWN));
        assertThat(refused.claimed()).isFalse();
        assertThat(store.claimPasscode("Main\n" + BOB, "f1", T0.plusSeconds(2), T0.plusSeconds(602))).as("nothing was claimed").isTrue();
        assertThat(store.admitAndClaim(BOB, T0.plus(COOL_DOWN), 1, COOL_DOWN, "Main\n" + BOB, "f2", T0.plus(COOL_DOWN).plusSeconds(600)))
                .as("the lockout ended, and the refusal added nothing to it").isEqualTo(PasscodeAdmission.CLAIMED);
    }

    @Test
    void admitAndClaimOfAClaimedPasscodeCountsTheAttemptButClaimsNothing() {
        Instant expiry = T0.plus(Duration.ofMinutes(10));
        store.claimPasscode("Main\n" + BOB, "f1", T0, expiry);

        assertThat(other.admitAndClaim(BOB, T0.plusSeconds(1), 2, COOL_DOWN, "Main\n" + BOB, "f1", expiry.plusSeconds(1)))
                .isEqualTo(PasscodeAdmission.ALREADY_CLAIMED);
        assertThat(other.admitAndClaim(BOB, T0.plusSeconds(2), 2, COOL_DOWN, "Main\n" + BOB, "f1", expiry.plusSeconds(2)))
                .as("the replay was counted: this is the second of 2").isEqualTo(PasscodeAdmission.ALREADY_CLAIMED);
        assertThat(store.admit(BOB, T0.plusSeconds(3), 2, COOL_DOWN).admitted()).as("locked out by two replays").isFalse();
        assertThat(store.claimPasscode("Main\n" + BOB, "f1", expiry, expiry.plusSeconds(600)))
                .as("the replays left the claim's expiry as it was").isTrue();
    }

    @Test
    void admitAndClaimTakesOverAnExpiredClaim() {
        store.claimPasscode("Main\n" + BOB, "f1", T0, T0.plusSeconds(60));

        assertThat(other.admitAndClaim(BOB, T0.plusSeconds(60), 5, COOL_DOWN, "Main\n" + BOB, "f1", T0.plusSeconds(660)))
                .isEqualTo(PasscodeAdmission.CLAIMED);
        assertThat(store.claimPasscode("Main\n" + BOB, "f1", T0.plusSeconds(659), T0.plusSeconds(700))).as("until its new expiry").isFalse();
    }

    @Test
    void concurrentAdmitAndClaimsOfOnePasscodeLetExactlyOneClaimAndCountEvery() throws Exception {
        int calls = 50;
        int limit = calls + 1;
        AtomicInteger claimed = new AtomicInteger();
        AtomicInteger replays = new AtomicInteger();
        Concurrently.run(calls, 8, i -> {
            PasscodeAdmission entry = (i % 2 == 0 ? store : other).admitAndClaim(BOB, T0, limit, COOL_DOWN, "Main\n" + BOB, "f1",
                    T0.plusSeconds(600));
            if (entry.claimed()) {
                claimed.incrementAndGet();
            } else if (entry.admission().admitted()) {
                replays.incrementAndGet();
            }
        });

        assertThat(claimed).hasValue(1);
        assertThat(replays).as("every other one admitted, counted, not claimed").hasValue(calls - 1);
        assertThat(store.admit(BOB, T0, limit, COOL_DOWN)).as("one left").isEqualTo(Admission.ADMITTED);
        assertThat(store.admit(BOB, T0, limit, COOL_DOWN).admitted()).as("all %d were counted", calls).isFalse();
    }

    @Test
    void concurrentAdmitAndClaimsNeverExceedTheLimit() throws Exception {
        int limit = 5;
        AtomicInteger claimed = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        Concurrently.run(60, 8, i -> {
            PasscodeAdmission entry = (i % 2 == 0 ? store : other).admitAndClaim(BOB, T0, limit, COOL_DOWN, "Main\n" + BOB, "f" + i,
                    T0.plusSeconds(600));
            if (entry.claimed()) {
                claimed.incrementAndGet();
            } else if (!entry.admission().admitted()) {
                refused.incrementAndGet();
            }
        });

        assertThat(claimed).as("each a different passcode: every admitted one is claimed").hasValue(limit);
        assertThat(refused).hasValue(60 - limit);
    }

    @Test
    void onePushAtATimeUntilItEndsOrExpires() {
        Instant expiry = T0.plus(Duration.ofMinutes(5));

        assertThat(store.admitPush(BOB, "p1", T0, 3, Duration.ofMinutes(5), expiry)).isEqualTo(PushAdmission.ADMITTED);
        assertThat(other.admitPush(BOB, "p2", T0.plusSeconds(1), 3, Duration.ofMinutes(5), expiry)).isEqualTo(PushAdmission.PENDING);
        other.endPush(BOB, "p-other");
        assertThat(store.admitPush(BOB, "p2", T0.plusSeconds(2), 3, Duration.ofMinutes(5), expiry))
                .as("ending another push id changes nothing").isEqualTo(PushAdmission.PENDING);
        other.endPush(BOB, "p1");
        assertThat(store.admitPush(BOB, "p2", T0.plusSeconds(3), 3, Duration.ofMinutes(5), expiry)).isEqualTo(PushAdmission.ADMITTED);
        assertThat(store.admitPush(BOB, "p3", expiry, 3, Duration.ofMinutes(10), expiry.plusSeconds(60)))
                .as("p2 expired").isEqualTo(PushAdmission.ADMITTED);
    }

    @Test
    void atMostMaxPushesPerWindowAndASuccessOpensANewWindow() {
        Duration window = Duration.ofMinutes(5);
        for (int i = 0; i < 3; i++) {
            Instant at = T0.plusSeconds(i);
            assertThat(store.admitPush(BOB, "p" + i, at, 3, window, at.plusSeconds(30))).isEqualTo(PushAdmission.ADMITTED);
            store.endPush(BOB, "p" + i);
        }

        assertThat(other.admitPush(BOB, "p3", T0.plusSeconds(10), 3, window, T0.plusSeconds(40))).isEqualTo(PushAdmission.TOO_MANY);
        assertThat(other.admitPush(BOB, "p4", T0.plus(window), 3, window, T0.plus(window).plusSeconds(30)))
                .as("the window ended").isEqualTo(PushAdmission.ADMITTED);
        store.endPush(BOB, "p4");
        store.admitPush(BOB, "p5", T0.plus(window).plusSeconds(1), 3, window, T0.plus(window).plusSeconds(31));
        store.endPush(BOB, "p5");
        store.admitPush(BOB, "p6", T0.plus(window).plusSeconds(2), 3, window, T0.plus(window).plusSeconds(32));
        store.endPush(BOB, "p6");
        assertThat(store.admitPush(BOB, "p7", T0.plus(window).plusSeconds(3), 3, window, T0.plus(window).plusSeconds(33)))
                .isEqualTo(PushAdmission.TOO_MANY);
        other.recordSuccess(BOB);
        assertThat(store.admitPush(BOB, "p8", T0.plus(window).plusSeconds(4), 3, window, T0.plus(window).plusSeconds(34)))
                .isEqualTo(PushAdmission.ADMITTED);
    }

    @Test
    void concurrentPushesLetExactlyOneBePending() throws Exception {
        AtomicInteger admitted = new AtomicInteger();
        Concurrently.run(40, 8, i -> {
            if ((i % 2 == 0 ? store : other).admitPush(BOB, "p" + i, T0, 100, Duration.ofMinutes(5), T0.plusSeconds(60))
                    == PushAdmission.ADMITTED) {
                admitted.incrementAndGet();
            }
        });

        assertThat(admitted).hasValue(1);
    }
}
