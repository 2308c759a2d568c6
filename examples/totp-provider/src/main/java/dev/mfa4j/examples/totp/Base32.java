package dev.mfa4j.examples.totp;

/**
 * Decodes Base32 as RFC 4648 section 6 defines it (the alphabet {@code A-Z}, {@code 2-7}): the
 * form authenticator apps and {@code otpauth://} URIs use for TOTP secrets.
 *
 * <p>Accepted: letters in either case; {@code =} padding, or none (authenticator apps drop it),
 * but padding that is there must complete the last block of 8 characters. Refused: any other
 * character, whitespace included, and a length no encoder produces (1, 3 or 6 characters past the
 * last block of 8). Bits left over after the last whole byte are ignored, as RFC 4648 section 3.5
 * allows, because secrets typed by hand often have some.
 *
 * <p>Stateless and thread safe. Messages never quote the input, which is a secret.
 */
final class Base32 {

    private Base32() {
    }

    /**
     * @param text Base32 text; not modified
     * @return the bytes it encodes, a new array the caller should overwrite after use
     * @throws NullPointerException if {@code text} is null
     * @throws IllegalArgumentException if {@code text} is not Base32 as described above; the
     *     message says why without quoting it
     */
    static byte[] decode(char[] text) {
        int end = text.length;
        while (end > 0 && text[end - 1] == '=') {
            end--;
        }
        int padding = text.length - end;
        if (padding > 0 && (text.length % 8 != 0 || padding > 6)) {
            throw new IllegalArgumentException("has = padding that does not complete a block of 8 characters");
        }
        int remainder = end % 8;
        // 8 characters carry 5 bytes; a partial block of 1, 3 or 6 characters is no whole number of bytes.
        if (remainder == 1 || remainder == 3 || remainder == 6) {
            throw new IllegalArgumentException("has a length no Base32 encoder produces");
        }
        byte[] out = new byte[end * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int written = 0;
        for (int i = 0; i < end; i++) {
            int value = valueOf(text[i]);
            if (value < 0) {
                throw new IllegalArgumentException("has a character outside the Base32 alphabet (A-Z and 2-7)");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out[written++] = (byte) (buffer >>> bits);
                buffer &= (1 << bits) - 1;
            }
        }
        return out;
    }

    /** @return the 5-bit value of an alphabet character, or -1 */
    private static int valueOf(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a';
        }
        if (c >= '2' && c <= '7') {
            return c - '2' + 26;
        }
        return -1;
    }
}
