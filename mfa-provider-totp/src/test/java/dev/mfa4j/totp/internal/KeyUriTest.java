package dev.mfa4j.totp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The otpauth URI's exact form (Key Uri Format, github.com/google/google-authenticator/wiki/Key-Uri-Format). */
class KeyUriTest {

    private static final String WIKI_SECRET = "HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ";

    @Test
    void theKeyUriFormatsOwnExampleComesOutByteForByte() {
        URI uri = KeyUri.of("ACME Co", "john.doe@email.com", WIKI_SECRET.toCharArray(), TotpParameters.DEFAULTS);

        assertThat(uri.toString()).isEqualTo("otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ"
                + "&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30");
        assertThat(uri.getScheme()).isEqualTo("otpauth");
        assertThat(uri.getHost()).isEqualTo("totp");
        assertThat(uri.getPath()).isEqualTo("/ACME Co:john.doe@email.com");
    }

    @Test
    void issuerAndAccountArePercentEncodedAsUtf8() {
        URI uri = KeyUri.of("Bäckerei & Söhne+1", "ann:o'neil/x?y#z", WIKI_SECRET.toCharArray(),
                new TotpParameters(HmacAlgorithm.SHA512, 8, 60));

        assertThat(uri.toString()).isEqualTo("otpauth://totp/B%C3%A4ckerei%20%26%20S%C3%B6hne%2B1:ann%3Ao%27neil%2Fx%3Fy%23z"
                + "?secret=" + WIKI_SECRET + "&issuer=B%C3%A4ckerei%20%26%20S%C3%B6hne%2B1&algorithm=SHA512&digits=8&period=60");
        // Decoded, the label splits at its first colon into the two names, and the query has the issuer back.
        String label = uri.getPath().substring(1);
        assertThat(label.substring(0, label.indexOf(':'))).isEqualTo("Bäckerei & Söhne+1");
        assertThat(label.substring(label.indexOf(':') + 1)).isEqualTo("ann:o'neil/x?y#z");
        String issuerParameter = uri.getRawQuery().split("&")[1].substring("issuer=".length());
        assertThat(URLDecoder.decode(issuerParameter, StandardCharsets.UTF_8)).isEqualTo("Bäckerei & Söhne+1");
        assertThat(uri.toString()).isASCII();
    }

    @Test
    void theSecretHasNoPadding() {
        char[] secret = Base32.encode(new byte[32]);   // 52 characters: not a multiple of 8
        URI uri = KeyUri.of("ACME", "bob", secret, new TotpParameters(HmacAlgorithm.SHA256, 6, 30));

        assertThat(uri.getRawQuery()).startsWith("secret=" + new String(secret) + "&").doesNotContain("=&issuer").doesNotContain("==");
    }

    @Test
    void anIssuerWithAColonIsRefused() {
        assertThatThrownBy(() -> KeyUri.of("ACME:Co", "bob", WIKI_SECRET.toCharArray(), TotpParameters.DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void manualEntryIsInGroupsOfFour() {
        assertThat(KeyUri.manualEntry(WIKI_SECRET.toCharArray())).isEqualTo("HXDM VJEC JJWS RB3H WIZR 4IFU GFTM XBOZ");
        assertThat(KeyUri.manualEntry("ABCDEFGHIJ".toCharArray())).isEqualTo("ABCD EFGH IJ");
    }
}
