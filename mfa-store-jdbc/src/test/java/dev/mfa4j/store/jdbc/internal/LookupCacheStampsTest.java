package dev.mfa4j.store.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.store.jdbc.internal.LookupCache.Check;
import dev.mfa4j.store.jdbc.internal.LookupCache.Lookup;
import dev.mfa4j.store.jdbc.internal.LookupCache.Stamp;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A read that a write through the same store, or a check that found another node's change,
 * overlapped is never kept; entries answer only within a check interval: the interleavings a
 * database round trip leaves room for, played one step at a time.
 */
class LookupCacheStampsTest {

    private static final PrincipalId BOB = PrincipalId.parse("principal/internal/user/bob");
    private static final PrincipalId ALICE = PrincipalId.parse("principal/internal/user/alice");

    private final AtomicLong nanos = new AtomicLong();
    private final LookupCache cache = LookupCache.of(Duration.ofSeconds(5), 100, nanos::get);

    /** A check that found the count of changes at {@code changes}. */
    private void check(long changes) {
        Check check = cache.checkIfDue();
        assertThat(check).as("a check is due").isNotNull();
        cache.checked(check, changes);
    }

    private static Lookup lookup(PrincipalId principal) {
        return new Lookup(new MfaAssignment(principal, "Main", principal.name() + "@fake"),
                MfaConfiguration.of("Main", "fake", Map.of("Passcode", "1111")).withRevision(1));
    }

    @Test
    void aReadWithoutAWriteMeanwhileIsKept() {
        check(7);
        Stamp stamp = cache.stamp();
        cache.offer(lookup(BOB), stamp);

        assertThat(cache.find(BOB)).contains(lookup(BOB));
        assertThat(cache.find(ALICE)).isEmpty();
    }

    @Test
    void aReadThatAnAssignmentWriteOverlappedIsDropped() {
        check(7);
        Stamp stamp = cache.stamp();
        // The read's statement runs; meanwhile this store moves bob and forgets his (absent) entry.
        cache.assignmentChanged(BOB);
        cache.offer(lookup(BOB), stamp);

        assertThat(cache.find(BOB)).isEmpty();
        assertThat(cache.size()).isZero();
    }

    @Test
    void aReadThatAConfigurationWriteOverlappedIsDropped() {
        check(7);
        Stamp stamp = cache.stamp();
        cache.configurationsChanged();
        cache.offer(lookup(BOB), stamp);

        assertThat(cache.find(BOB)).isEmpty();
    }

    @Test
    void anEntryKeptBeforeAConfigurationWriteIsNeverAnsweredAfterIt() {
        check(7);
        cache.offer(lookup(BOB), cache.stamp());
        cache.configurationsChanged();

        assertThat(cache.find(BOB)).isEmpty();
    }

    @Test
    void nothingAnswersBeforeTheFirstCheck() {
        cache.offer(lookup(BOB), cache.stamp());

        assertThat(cache.find(BOB)).isEmpty();
    }

    @Test
    void theFirstCheckForgetsReadsThatBeganBeforeIt() {
        // A read that began before the count was first seen may predate a change that count includes.
        Stamp early = cache.stamp();
        cache.offer(lookup(ALICE), cache.stamp());
        check(7);
        cache.offer(lookup(BOB), early);

        assertThat(cache.find(BOB)).isEmpty();
        assertThat(cache.find(ALICE)).isEmpty();
    }

    @Test
    void entriesAnswerForOneIntervalFromTheCheckThenACheckIsDue() {
        check(7);
        cache.offer(lookup(BOB), cache.stamp());
        nanos.addAndGet(Duration.ofSeconds(5).toNanos() - 1);
        assertThat(cache.checkIfDue()).isNull();
        assertThat(cache.find(BOB)).isPresent();

        nanos.incrementAndGet();
        assertThat(cache.find(BOB)).as("due: nothing answers until a check").isEmpty();
        Check check = cache.checkIfDue();
        assertThat(check).isNotNull();
        assertThat(cache.find(BOB)).as("nor while it is under way").isEmpty();
        cache.checked(check, 7);
        assertThat(cache.find(BOB)).as("the count unchanged: the entry answers again").contains(lookup(BOB));
    }

    @Test
    void theIntervalRunsFromTheStartOfTheCheckNotItsEnd() {
        check(7);
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        Check check = cache.checkIfDue();
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        cache.checked(check, 7);
        cache.offer(lookup(BOB), cache.stamp());

        nanos.addAndGet(Duration.ofSeconds(3).toNanos() - 1);
        assertThat(cache.find(BOB)).isPresent();
        nanos.incrementAndGet();
        assertThat(cache.find(BOB)).isEmpty();
    }

    @Test
    void aCheckThatFindsAnotherCountForgetsEveryEntryAndEveryReadUnderWay() {
        check(7);
        cache.offer(lookup(BOB), cache.stamp());
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        Stamp underWay = cache.stamp();
        check(8);
        cache.offer(lookup(ALICE), underWay);

        assertThat(cache.find(BOB)).isEmpty();
        assertThat(cache.find(ALICE)).isEmpty();
        cache.offer(lookup(ALICE), cache.stamp());
        assertThat(cache.find(ALICE)).as("a read begun after the check").isPresent();
    }

    @Test
    void oneCallerChecksAtATimeAndAFailedCheckLeavesTheNextToALaterCaller() {
        Check first = cache.checkIfDue();
        assertThat(first).isNotNull();
        assertThat(cache.checkIfDue()).as("another caller, while the first checks").isNull();

        cache.checkFailed(first);
        assertThat(cache.find(BOB)).isEmpty();
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        Check second = cache.checkIfDue();
        assertThat(second).isNotNull();
        cache.checked(second, 7);
        assertThat(cache.checkIfDue()).isNull();
    }

    @Test
    void aFailedCheckIsNotMadeAgainForASecondAndIsReportedOnceInARow() {
        Check first = cache.checkIfDue();
        assertThat(cache.checkFailed(first)).as("the first failure").isTrue();
        nanos.addAndGet(Duration.ofSeconds(1).toNanos() - 1);
        assertThat(cache.checkIfDue()).isNull();
        nanos.incrementAndGet();
        Check second = cache.checkIfDue();
        assertThat(cache.checkFailed(second)).as("one in a row already").isFalse();

        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        cache.checked(cache.checkIfDue(), 7);
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(cache.checkFailed(cache.checkIfDue())).as("the first after a success").isTrue();
    }

    @Test
    void principalsOfOneConfigurationShareOneConfigurationObject() {
        check(7);
        cache.offer(lookup(BOB), cache.stamp());
        cache.offer(lookup(ALICE), cache.stamp());

        assertThat(cache.find(ALICE).orElseThrow().configuration()).isSameAs(cache.find(BOB).orElseThrow().configuration());
    }

    @Test
    void aLookupWithoutItsConfigurationIsNeverKept() {
        check(7);
        cache.offer(new Lookup(new MfaAssignment(BOB, "Main", "bob@fake"), null), cache.stamp());

        assertThat(cache.find(BOB)).isEmpty();
    }

    @Test
    void offKeepsNothing() {
        LookupCache off = LookupCache.off();
        off.offer(lookup(BOB), off.stamp());

        assertThat(off.find(BOB)).isEmpty();
        assertThat(off.checkIfDue()).isNull();
        assertThat(off.isOn()).isFalse();
        assertThat(cache.isOn()).isTrue();
    }
}
