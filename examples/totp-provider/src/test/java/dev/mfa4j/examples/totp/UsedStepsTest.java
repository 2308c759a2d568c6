package dev.mfa4j.examples.totp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UsedStepsTest {

    private final UsedSteps used = new UsedSteps();

    @Test
    void aStepIsClaimedOnceAndOnlyLaterStepsAfterIt() {
        assertThat(used.claim("c", "alice", 100, 100)).isTrue();
        assertThat(used.claim("c", "alice", 100, 100)).isFalse();
        assertThat(used.claim("c", "alice", 99, 100)).isFalse();
        assertThat(used.claim("c", "alice", 101, 100)).isTrue();
    }

    @Test
    void recordsAreKeptWhileAStepAtOrBelowThemCanStillBeAccepted() {
        used.claim("c", "alice", 100, 100);

        used.claim("c", "bob", 100 + TotpProvider.MAX_SKEW, 100 + TotpProvider.MAX_SKEW);

        assertThat(used.size()).isEqualTo(2);
        assertThat(used.claim("c", "alice", 100, 100 + TotpProvider.MAX_SKEW)).as("still inside the widest window").isFalse();
    }

    @Test
    void recordsNoAcceptableStepCanReachAreDropped() {
        used.claim("c", "alice", 100, 100);

        used.claim("c", "bob", 101 + TotpProvider.MAX_SKEW, 101 + TotpProvider.MAX_SKEW);

        assertThat(used.size()).as("alice's record refuses nothing any more").isEqualTo(1);
    }
}
