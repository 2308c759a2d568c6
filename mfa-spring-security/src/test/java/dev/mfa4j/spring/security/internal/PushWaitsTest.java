package dev.mfa4j.spring.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.PrincipalId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Tidying follows the clock the step was given: the test moves it, nothing waits. */
class PushWaitsTest {

    private static final PrincipalId BOB = PrincipalId.parse("principal/internal/user/bob");

    /** A clock that stands still until the test moves it. */
    private static final class SteppedClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-02T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void anUnansweredPushIsForgottenAfterTwiceItsTimeToLiveAtTheNextTidyingAMinuteLater() {
        SteppedClock clock = new SteppedClock();
        PushWaits waits = new PushWaits(clock, Duration.ofMinutes(1));

        PushAttempt first = waits.start("bob", BOB);
        clock.advance(Duration.ofSeconds(30));
        PushAttempt second = waits.start("bob", BOB);
        assertThat(waits.size()).as("less than a minute since the last tidying").isEqualTo(2);

        clock.advance(Duration.ofSeconds(91));   // first: 2 min 1 s old; second: 1 min 31 s
        PushAttempt third = waits.start("bob", BOB);

        assertThat(waits.find(first.id())).as("older than twice the time to live").isEmpty();
        assertThat(waits.find(second.id())).isPresent();
        assertThat(waits.find(third.id())).isPresent();
        assertThat(waits.size()).isEqualTo(2);
    }

    @Test
    void noTidyingRunsWithinAMinuteOfTheLastOneWhateverIsOld() {
        SteppedClock clock = new SteppedClock();
        PushWaits waits = new PushWaits(clock, Duration.ofSeconds(10));

        PushAttempt first = waits.start("bob", BOB);
        clock.advance(Duration.ofSeconds(59));
        waits.start("bob", BOB);

        assertThat(waits.find(first.id())).as("old enough, but the last tidying was 59 s ago").isPresent();
        clock.advance(Duration.ofSeconds(1));
        waits.start("bob", BOB);
        assertThat(waits.find(first.id())).isEmpty();
    }
}
