package dev.mfa4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Argon2id as the reference implementation computes it: vectors from phc-winner-argon2's
 * src/test.c (version 0x13, password "password", salt "somesalt", 32-byte tags).
 */
class Argon2idHashTest {

    private static String phc(int memoryKiB, int iterations, int lanes, String hexTag) {
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + memoryKiB + ",t=" + iterations + ",p=" + lanes + "$" + base64.encodeToString("somesalt".getBytes())
                + "$" + base64.encodeToString(HexFormat.of().parseHex(hexTag));
    }

    @Test
    void matchesTheReferenceImplementationsVectors() {
        assertThat(Argon2idHash.matches("password", phc(256, 2, 1, "9dfeb910e80bad0311fee20f9c0e2b12c17987b4cac90c2ef54d5b3021c68bfe"))).isTrue();
        assertThat(Argon2idHash.matches("password", phc(65536, 2, 1, "09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7")))
                .isTrue();
        assertThat(Argon2idHash.matches("passwore", phc(256, 2, 1, "9dfeb910e80bad0311fee20f9c0e2b12c17987b4cac90c2ef54d5b3021c68bfe"))).isFalse();
        assertThat(Argon2idHash.matches("password", phc(256, 3, 1, "9dfeb910e80bad0311fee20f9c0e2b12c17987b4cac90c2ef54d5b3021c68bfe"))).isFalse();
    }

    @Test
    void aHashItMakesMatchesOnlyItsSecretAndCarriesItsParameters() {
        Argon2idHash hasher = new Argon2idHash(8192, 5, 1);
        String hash = hasher.hash("K7QM2XH4PD9W3FNA");

        assertThat(hash).startsWith("$argon2id$v=19$m=8192,t=5,p=1$");
        assertThat(Argon2idHash.matches("K7QM2XH4PD9W3FNA", hash)).isTrue();
        assertThat(Argon2idHash.matches("K7QM2XH4PD9W3FNB", hash)).isFalse();
        assertThat(hasher.hash("K7QM2XH4PD9W3FNA")).as("a new salt each time").isNotEqualTo(hash);
    }

    @Test
    void aHashOfAnotherShapeOrWithCostsOutOfBoundsMatchesNothing() {
        assertThat(Argon2idHash.matches("password", "plain")).isFalse();
        assertThat(Argon2idHash.matches("password", phc(256, 2, 1, "9dfeb910e80bad03").replace("argon2id", "argon2i"))).isFalse();
        assertThat(Argon2idHash.matches("password", phc(4_000_000, 2, 1, "9dfeb910e80bad0311fee20f9c0e2b12c17987b4cac90c2ef54d5b3021c68bfe")))
                .as("a planted hash must not make a check cost gigabytes").isFalse();
    }
}
