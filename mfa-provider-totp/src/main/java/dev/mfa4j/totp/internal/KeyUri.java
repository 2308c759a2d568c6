package dev.mfa4j.totp.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The {@code otpauth://totp/...} URI that authenticator apps read from a QR code, in the Key Uri
 * Format (github.com/google/google-authenticator/wiki/Key-Uri-Format):
 * <pre>{@code otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30}</pre>
 * <ul>
 *   <li>the label is {@code issuer:account}, each percent-encoded as UTF-8: every character but
 *       the unreserved ones of RFC 3986 ({@code A-Z a-z 0-9 - . _ ~}) and {@code @} becomes
 *       {@code %XX}, a space {@code %20} (never {@code +}). The issuer has no colon (its option
 *       check refuses one); a colon in the account is encoded as {@code %3A}, and apps split the
 *       label at its first colon;</li>
 *   <li>{@code secret}: Base32 without {@code =} padding;</li>
 *   <li>{@code issuer}: the same as the label's prefix, as the format strongly recommends;</li>
 *   <li>{@code algorithm}, {@code digits}, {@code period}: always written, though some apps
 *       (Google Authenticator among them) ignore them and assume SHA1, 6 and 30.</li>
 * </ul>
 * The URI is ASCII only, so a QR code holds it in byte mode without a character-set marker.
 */
final class KeyUri {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private KeyUri() {
    }

    /**
     * @param issuer what the app shows beside the account; no colon
     * @param account the account name, the principal's provider user id
     * @param secret the secret in Base32 without padding
     * @param parameters algorithm, digits and period
     * @return the URI; it carries the secret
     * @throws IllegalArgumentException if the issuer has a colon
     */
    static URI of(String issuer, String account, char[] secret, TotpParameters parameters) {
        if (issuer.indexOf(':') >= 0) {
            throw new IllegalArgumentException("an issuer must not contain a colon");
        }
        String encodedIssuer = encode(issuer);
        StringBuilder uri = new StringBuilder(128 + secret.length)
                .append("otpauth://totp/").append(encodedIssuer).append(':').append(encode(account))
                .append("?secret=").append(secret)
                .append("&issuer=").append(encodedIssuer)
                .append("&algorithm=").append(parameters.algorithm().name())
                .append("&digits=").append(parameters.digits())
                .append("&period=").append(parameters.period());
        return URI.create(uri.toString());
    }

    /**
     * @param text any text
     * @return it percent-encoded as UTF-8, all but {@code A-Z a-z 0-9 - . _ ~ @}
     */
    static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~'
                    || c == '@') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >>> 4]).append(HEX[c & 0x0f]);
            }
        }
        return out.toString();
    }

    /**
     * @param secret a Base32 secret
     * @return it as a user types it into an app: groups of four characters separated by spaces
     */
    static String manualEntry(char[] secret) {
        StringBuilder out = new StringBuilder(secret.length + secret.length / 4);
        for (int i = 0; i < secret.length; i++) {
            if (i > 0 && i % 4 == 0) {
                out.append(' ');
            }
            out.append(secret[i]);
        }
        return out.toString();
    }
}
