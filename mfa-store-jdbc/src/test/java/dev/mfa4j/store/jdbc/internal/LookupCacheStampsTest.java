package dev.mfa4j.store.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.store.jdbc.internal.LookupCache.Lookup;
import dev.mfa4j.store.jdbc.internal.LookupCache.Stamp;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A read that a write through the same store overlapped is never kept: the interleavings a
 * database round trip leaves room for, played one step at a time.
 */
class LookupCacheStampsTest {

    private static final PrincipalId BOB = PrincipalId.parse("principal/internal/user/bob");
    private static final PrincipalId ALICE = PrincipalId.parse("principal/internal/user/alice");

    private final AtomicLong nanos = new AtomicLong();
    private final LookupCache cache = LookupCache.of(Duration.ofSeconds(5), 100, nanos::get);

    private static Lookup lookup(PrincipalId principal) {
        return new Lookup(new MfaAssignment(principal, "Main", principal.name() + "@fake"),
                MfaConfiguration.of("Main", "fake", Map.of("Passcode", "1111")).withRevision(1));
    }

    @Test
    void aReadWithoutAWriteMeanwhileIsKept() {
        Stamp stamp = cache.stamp();
        cache.offer(lookup(BOB), stamp);

        assertThat(cache.find(BOB)).contains(lookup(BOB));
        assertThat(cache.find(ALICE)).isEmpty();
    }

    @Test
    void aReadThatAnAssignmentWriteOverlappedIsDropped() {
        Stamp stamp = cache.stamp();
        // The read's statement runs; meanwhile this store moves bob and forgets his (absent) entry.
        cache.assignmentChanged(BOB);
        cache.offer(lookup(BOB), stamp);

        assertThat(cache.find(BOB)).isEmpty();
        assertThat(cache.size()).isZero();
    }

    @Test
    void aReadThatAConfigurationWriteOverlappedIsDropped() {
        Stamp stamp = cache.stamp();
        cache.configurationsChanged();
        cache.offer(lookup(BOB), stamp);

        assertThat(cache.find(BOB)).isEmpty();
    }

    @Test
    void anEntryKeptBeforeAConfigurationWriteIsNeverAnsweredAfterIt() {
        cache.offer(lookup(BOB), cache.stamp());
        cache.configurationsChanged();

        assertThat(cache.find(BOB)).isEmpty();
    }

    @Test
    void anEntryAgesOutAtTheMaximumAge() {
        cache.offer(lookup(BOB), cache.stamp());
        nanos.addAndGet(Duration.ofSeconds(5).toNanos() - 1);
        assertThat(cache.find(BOB)).isPresent();

        nanos.incrementAndGet();
        assertThat(cache.find(BOB)).isEmpty();
    }

    @Test
    void aLookupWithoutItsConfigurationIsNeverKept() {
        cache.offer(new Lookup(new MfaAssignment(BOB, "Main", "bob@fake"), null), cache.stamp());

        assertThat(cache.find(BOB)).isEmpty();
    }

    @Test
    void offKeepsNothing() {
        LookupCache off = LookupCache.off();
        off.offer(lookup(BOB), off.stamp());

        assertThat(off.find(BOB)).isEmpty();
        assertThat(off.isOn()).isFalse();
        assertThat(cache.isOn()).isTrue();
    }
}
