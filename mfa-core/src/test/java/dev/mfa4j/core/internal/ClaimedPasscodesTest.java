package dev.mfa4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.core.internal.ClaimedPasscodes.Fingerprint;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ClaimedPasscodesTest {

    private static final String SHA_OF_123456 = "8d969eef6ecad3c29a3a629280e686cf0c3f5d5a86aff3ca12020c923adc6c92";

    @Test
    void aClaimedFingerprintCannotBeClaimedAgainUntilItExpires() {
        ClaimedPasscodes claims = new ClaimedPasscodes();
        Fingerprint f = Fingerprint.of(SHA_OF_123456);

        assertThat(claims.claim(f, 100, 200)).isTrue();
        assertThat(claims.claim(f, 199, 300)).isFalse();
        // At its expiry the claim is over: "recorded until" excludes that instant.
        assertThat(claims.claim(f, 200, 300)).isTrue();
        assertThat(claims.claim(f, 250, 400)).isFalse();
        assertThat(claims.size()).isEqualTo(1);
    }

    @Test
    void aReleasedClaimCanBeMadeAgainAndOthersStay() {
        ClaimedPasscodes claims = new ClaimedPasscodes();
        Fingerprint one = Fingerprint.of("a".repeat(64));
        Fingerprint two = Fingerprint.of("b".repeat(64));
        claims.claim(one, 0, 1_000);
        claims.claim(two, 0, 1_000);

        claims.release(one);

        assertThat(claims.claim(one, 1, 1_000)).isTrue();
        assertThat(claims.claim(two, 1, 1_000)).isFalse();
    }

    @Test
    void releasingWhatWasNeverClaimedChangesNothing() {
        ClaimedPasscodes claims = new ClaimedPasscodes();
        claims.claim(Fingerprint.of("a".repeat(64)), 0, 1_000);

        claims.release(Fingerprint.of("c".repeat(64)));

        assertThat(claims.size()).isEqualTo(1);
    }

    @Test
    void fingerprintsThatShareTheirFirst64BitsAreStillDifferent() {
        ClaimedPasscodes claims = new ClaimedPasscodes();
        String head = "0123456789abcdef";
        Fingerprint one = Fingerprint.of(head + "0".repeat(48));
        Fingerprint two = Fingerprint.of(head + "0".repeat(47) + "1");

        assertThat(claims.claim(one, 0, 10)).isTrue();
        assertThat(claims.claim(two, 0, 10)).isTrue();
        assertThat(claims.size()).isEqualTo(2);
    }

    @Test
    void manyClaimsGrowTheArraysAndExpiryShrinksThemAgain() {
        ClaimedPasscodes claims = new ClaimedPasscodes();
        for (int i = 0; i < 10_000; i++) {
            assertThat(claims.claim(Fingerprint.of(String.format("%064x", i)), i, i + 5_000)).isTrue();
        }
        // Claims 5,000 to 9,999 are live at 9,999.
        assertThat(claims.size()).isEqualTo(5_000);
        assertThat(claims.claim(Fingerprint.of(String.format("%064x", 9_000)), 9_999, 20_000)).isFalse();

        claims.dropExpired(20_000);

        assertThat(claims.isEmpty()).isTrue();
        assertThat(claims.claim(Fingerprint.of(String.format("%064x", 9_000)), 20_000, 30_000)).isTrue();
    }

    @Test
    void sixtyFourHexDigitsAreReadAsTheirValue() {
        Fingerprint f = Fingerprint.of(SHA_OF_123456);

        assertThat(f).isEqualTo(new Fingerprint(0x8d969eef6ecad3c2L, 0x9a3a629280e686cfL, 0x0c3f5d5a86aff3caL, 0x12020c923adc6c92L));
    }

    @Test
    void anyOtherFingerprintIsIdentifiedByItsSha256() throws Exception {
        String other = "not a hex digest";
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(other.getBytes(StandardCharsets.UTF_8));

        assertThat(Fingerprint.of(other)).isEqualTo(Fingerprint.of(HexFormat.of().formatHex(sha)));
        assertThat(Fingerprint.of("abc")).isNotEqualTo(Fingerprint.of("abd"));
        // 63 or 65 hex digits are not a digest's form either.
        assertThat(Fingerprint.of("a".repeat(63))).isNotEqualTo(Fingerprint.of("a".repeat(63) + "0"));
    }

    @Test
    void instantsBecomeNanosecondsAndSaturateAtTheEnds() {
        assertThat(ClaimedPasscodes.epochNanos(Instant.ofEpochSecond(1, 5))).isEqualTo(1_000_000_005L);
        assertThat(ClaimedPasscodes.epochNanos(Instant.MAX)).isEqualTo(Long.MAX_VALUE);
        assertThat(ClaimedPasscodes.epochNanos(Instant.MIN)).isEqualTo(Long.MIN_VALUE);
    }

    // ---- against a model: a map from fingerprint to expiry --------------------------------

    /** One step: claim or release one of a few fingerprints, at a time that never goes back. */
    record Step(boolean claim, int fingerprint, long advance, long window) {
    }

    @Property(tries = 500)
    void behavesLikeAMapOfExpiries(@ForAll("steps") List<Step> steps) {
        ClaimedPasscodes claims = new ClaimedPasscodes();
        Map<Integer, Long> model = new HashMap<>();
        long now = 0;
        for (Step step : steps) {
            now += step.advance();
            Fingerprint f = Fingerprint.of(String.format("%064x", step.fingerprint()));
            if (step.claim()) {
                Long until = model.get(step.fingerprint());
                boolean expected = until == null || until <= now;
                if (expected) {
                    model.put(step.fingerprint(), now + step.window());
                }
                assertThat(claims.claim(f, now, now + step.window())).isEqualTo(expected);
            } else {
                model.remove(step.fingerprint());
                claims.release(f);
            }
            long at = now;
            long live = model.values().stream().filter(until -> until > at).count();
            assertThat(claims.size()).isGreaterThanOrEqualTo((int) live).isLessThanOrEqualTo(model.size());
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 9).map(i -> i < 8),
                Arbitraries.integers().between(0, 11), Arbitraries.longs().between(0, 30), Arbitraries.longs().between(1, 100))
                .as(Step::new);
        return step.list().ofMaxSize(200);
    }
}
