package dev.mfa4j.duo.internal;

import java.nio.charset.StandardCharsets;

/**
 * Duo's URL encoding, used both in the signed canonical string and in what is sent: RFC 3986
 * unreserved characters ({@code A-Z a-z 0-9 - . _ ~}) stay as they are, every other UTF-8 byte
 * becomes {@code %XX} with upper-case hex. A space is {@code %20}, never {@code +}.
 *
 * <p>{@link java.net.URLEncoder} is not used on purpose: it writes {@code +} for a space and
 * escapes {@code ~}, and both would break the signature.
 */
final class DuoUrlEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private DuoUrlEncoding() {
    }

    /**
     * @param text any string; unpaired surrogates are encoded as {@code ?} by UTF-8, as Java does
     * @return the encoded form
     */
    static String encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (isUnreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0x0F]);
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
