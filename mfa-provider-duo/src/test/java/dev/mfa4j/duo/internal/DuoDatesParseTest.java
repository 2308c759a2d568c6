package dev.mfa4j.duo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Reading the Date and Retry-After headers, including the one-entry cache in front of the parser. */
class DuoDatesParseTest {

    @Test
    void readsAnRfc1123DateAgainAndAgainAndAfterAnother() {
        String first = "Tue, 21 Aug 2012 17:29:18 GMT";
        String second = "Tue, 21 Aug 2012 17:29:19 GMT";

        for (int i = 0; i < 3; i++) {
            assertThat(DuoDates.parseHttpDate(first)).contains(Instant.parse("2012-08-21T17:29:18Z"));
            assertThat(DuoDates.parseHttpDate(second)).contains(Instant.parse("2012-08-21T17:29:19Z"));
        }
        assertThat(DuoDates.parseHttpDate("  " + first + " ")).contains(Instant.parse("2012-08-21T17:29:18Z"));
    }

    @Test
    void somethingElseIsNoDateAndDoesNotSpoilTheNext() {
        assertThat(DuoDates.parseHttpDate(null)).isEmpty();
        assertThat(DuoDates.parseHttpDate(" ")).isEmpty();
        assertThat(DuoDates.parseHttpDate("yesterday")).isEmpty();
        assertThat(DuoDates.parseHttpDate("yesterday")).isEmpty();
        assertThat(DuoDates.parseHttpDate("Wed, 22 Aug 2012 00:00:00 GMT")).contains(Instant.parse("2012-08-22T00:00:00Z"));
    }
}
