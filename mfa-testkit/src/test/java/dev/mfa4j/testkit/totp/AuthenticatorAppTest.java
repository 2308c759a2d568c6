package dev.mfa4j.testkit.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The test authenticator app against RFC 6238's own vectors, and what it refuses. */
class AuthenticatorAppTest {

    // RFC 6238 Appendix B's seeds (ASCII "1234567890" repeated to 20, 32 and 64 bytes), in Base32.
    private static final String SHA1_SEED = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    private static final String SHA256_SEED = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA";
    private static final String SHA512_SEED = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            + "GEZDGNBVGY3TQOJQGEZDGNA";

    /** RFC 6238 Appendix B: time in seconds, then the 8-digit code for SHA1, SHA256 and SHA512. */
    @ParameterizedTest
    @CsvSource({
        "59, 94287082, 46119246, 90693936",
        "1111111109, 07081804, 68084774, 25091201",
        "1111111111, 14050471, 67062674, 99943326",
        "1234567890, 89005924, 91819424, 93441116",
        "2000000000, 69279037, 90698825, 38618901",
        "20000000000, 65353130, 77737706, 47863826"})
    void theRfcTestVectors(long seconds, String sha1, String sha256, String sha512) {
        Instant at = Instant.ofEpochSecond(seconds);

        assertThat(app(SHA1_SEED, "SHA1").codeAt(at)).isEqualTo(sha1);
        assertThat(app(SHA256_SEED, "SHA256").codeAt(at)).isEqualTo(sha256);
        assertThat(app(SHA512_SEED, "SHA512").codeAt(at)).isEqualTo(sha512);
    }

    private static AuthenticatorApp app(String seed, String algorithm) {
        return AuthenticatorApp.scan(URI.create("otpauth://totp/RFC%206238:test?secret=" + seed + "&algorithm=" + algorithm
                + "&digits=8&period=30"));
    }

    @Test
    void aTypedKeyUsesWhatAppsAssumeAndIgnoresSpacesDashesAndCase() {
        Instant at = Instant.ofEpochSecond(59);
        AuthenticatorApp typed = AuthenticatorApp.typed("gezd gnbv-gy3t qojq gezd gnbv gy3t qojq");

        assertThat(typed.codeAt(at)).isEqualTo("287082").isEqualTo(app(SHA1_SEED, "SHA1").codeAt(at).substring(2));
        assertThat(typed.code(Clock.fixed(at, ZoneOffset.UTC))).isEqualTo("287082");
        assertThat(typed.digits()).isEqualTo(6);
        assertThat(typed.period()).isEqualTo(30);
    }

    @Test
    void theLabelIsDecodedAndTheSecretNeverShown() {
        AuthenticatorApp app = AuthenticatorApp.scan(URI.create("otpauth://totp/ACME%20Co:bob@example.com?secret=" + SHA1_SEED
                + "&issuer=ACME%20Co"));

        assertThat(app.label()).isEqualTo("ACME Co:bob@example.com");
        assertThat(app.toString()).contains("ACME Co:bob@example.com").doesNotContain(SHA1_SEED);
    }

    @Test
    void whatAnAppWouldRefuseIsAClearError() {
        assertThatThrownBy(() -> AuthenticatorApp.scan(URI.create("otpauth://hotp/x?secret=" + SHA1_SEED)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an otpauth://totp/ URI");
        assertThatThrownBy(() -> AuthenticatorApp.scan(URI.create("otpauth://totp/x?issuer=y")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the URI has no secret parameter");
        assertThatThrownBy(() -> AuthenticatorApp.scan(URI.create("otpauth://totp/x?secret=" + SHA1_SEED + "&digits=7")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("digits must be 6 or 8, not 7");
        assertThatThrownBy(() -> AuthenticatorApp.scan(URI.create("otpauth://totp/x?secret=" + SHA1_SEED + "&algorithm=MD5")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown algorithm MD5");
        assertThatThrownBy(() -> AuthenticatorApp.typed("0189")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the key is not Base32 at character 1");
    }
}
