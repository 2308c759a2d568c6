package dev.mfa4j.examples.totp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.Credential;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.VerificationContext;
import dev.mfa4j.api.spi.MfaVerifier;
import dev.mfa4j.api.spi.VerificationOutcome;
import dev.mfa4j.api.spi.VerificationRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The test vectors of RFC 6238, Appendix B (https://www.rfc-editor.org/rfc/rfc6238#appendix-B):
 * 8-digit codes, T0 = 0, X = 30 s. Appendix B names the ASCII seed "12345678901234567890"; the
 * RFC's reference implementation (Appendix A) repeats it to 32 bytes for HMAC-SHA-256 and to 64
 * bytes for HMAC-SHA-512, and the table's SHA256 and SHA512 rows are computed with those.
 */
class Rfc6238TestVectorsTest {

    private static final String SEED_20 = "12345678901234567890";
    private static final String SEED_32 = "12345678901234567890123456789012";
    private static final String SEED_64 = "1234567890123456789012345678901234567890123456789012345678901234";

    /** The table: time (s), T (hex), TOTP, mode; its 18 rows in its order. */
    static Stream<Arguments> appendixB() {
        return Stream.of(
                Arguments.of(59L, "0000000000000001", "94287082", TotpAlgorithm.SHA1),
                Arguments.of(59L, "0000000000000001", "46119246", TotpAlgorithm.SHA256),
                Arguments.of(59L, "0000000000000001", "90693936", TotpAlgorithm.SHA512),
                Arguments.of(1111111109L, "00000000023523EC", "07081804", TotpAlgorithm.SHA1),
                Arguments.of(1111111109L, "00000000023523EC", "68084774", TotpAlgorithm.SHA256),
                Arguments.of(1111111109L, "00000000023523EC", "25091201", TotpAlgorithm.SHA512),
                Arguments.of(1111111111L, "00000000023523ED", "14050471", TotpAlgorithm.SHA1),
                Arguments.of(1111111111L, "00000000023523ED", "67062674", TotpAlgorithm.SHA256),
                Arguments.of(1111111111L, "00000000023523ED", "99943326", TotpAlgorithm.SHA512),
                Arguments.of(1234567890L, "000000000273EF07", "89005924", TotpAlgorithm.SHA1),
                Arguments.of(1234567890L, "000000000273EF07", "91819424", TotpAlgorithm.SHA256),
                Arguments.of(1234567890L, "000000000273EF07", "93441116", TotpAlgorithm.SHA512),
                Arguments.of(2000000000L, "0000000003F940AA", "69279037", TotpAlgorithm.SHA1),
                Arguments.of(2000000000L, "0000000003F940AA", "90698825", TotpAlgorithm.SHA256),
                Arguments.of(2000000000L, "0000000003F940AA", "38618901", TotpAlgorithm.SHA512),
                Arguments.of(20000000000L, "0000000027BC86AA", "65353130", TotpAlgorithm.SHA1),
                Arguments.of(20000000000L, "0000000027BC86AA", "77737706", TotpAlgorithm.SHA256),
                Arguments.of(20000000000L, "0000000027BC86AA", "47863826", TotpAlgorithm.SHA512));
    }

    private static String seed(TotpAlgorithm algorithm) {
        return switch (algorithm) {
            case SHA1 -> SEED_20;
            case SHA256 -> SEED_32;
            case SHA512 -> SEED_64;
        };
    }

    /** The same seeds in Base32, as a Secrets option gives them (encoded with another tool, not with Base32.java). */
    private static String base32Seed(TotpAlgorithm algorithm) {
        return switch (algorithm) {
            case SHA1 -> "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
            case SHA256 -> "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA====";
            case SHA512 -> "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA=";
        };
    }

    @Test
    void theTableHasItsEighteenRows() {
        assertThat(appendixB()).hasSize(18);
    }

    @ParameterizedTest(name = "{3} at {0}: T={1}, TOTP={2}")
    @MethodSource("appendixB")
    void theGeneratorGivesTheRfcCode(long time, String stepHex, String totp, TotpAlgorithm algorithm) throws Exception {
        long step = TotpGenerator.stepAt(Instant.ofEpochSecond(time));

        assertThat(step).isEqualTo(Long.parseLong(stepHex, 16));
        assertThat(new TotpGenerator(algorithm, 8).codeAt(seed(algorithm).getBytes(StandardCharsets.US_ASCII), step)).isEqualTo(totp);
    }

    @ParameterizedTest(name = "{3} at {0}: {2}")
    @MethodSource("appendixB")
    void theProviderApprovesTheRfcCodeGivenAsOptions(long time, String stepHex, String totp, TotpAlgorithm algorithm) {
        TotpProvider provider = new TotpProvider(new MutableClock(Instant.ofEpochSecond(time)));
        MfaConfiguration configuration = MfaConfiguration.of("rfc6238", "example-totp", Map.of(
                "Secrets", "rfc=" + base32Seed(algorithm), "Algorithm", algorithm.name(), "Digits", "8", "Skew", "0"));
        VerificationRequest request = new VerificationRequest(PrincipalId.parse("principal/internal/user/rfc"), "rfc",
                new Credential.Passcode(totp), VerificationContext.empty());

        try (MfaVerifier verifier = provider.open(configuration)) {
            VerificationOutcome outcome = verifier.verify(request).join();

            assertThat(outcome.reason()).as(outcome.message()).isEqualTo(Reason.APPROVED);
        }
    }
}
