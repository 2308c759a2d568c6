package dev.mfa4j.totp.internal;

/**
 * Base32 as RFC 4648 section 6 defines it (alphabet {@code A-Z 2-7}), the form of TOTP secrets in
 * {@code otpauth://} URIs and in what a user types into an app. Encoding writes no {@code =}
 * padding, as the Key Uri Format asks; decoding accepts either case, and padding or none.
 *
 * <p>Stateless and thread safe. Messages never quote the input: it is a secret.
 */
final class Base32 {

    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private Base32() {
    }

    /**
     * @param bytes the bytes to encode; not modified
     * @return their Base32 form without padding, a new array the caller may overwrite after use
     */
    static char[] encode(byte[] bytes) {
        char[] out = new char[(bytes.length * 8 + 4) / 5];
        int buffer = 0;
        int bits = 0;
        int written = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out[written++] = ALPHABET[(buffer >>> bits) & 31];
            }
            buffer &= (1 << bits) - 1;
        }
        if (bits > 0) {
            out[written++] = ALPHABET[(buffer << (5 - bits)) & 31];
        }
        return out;
    }

    /**
     * @param text Base32 text; not modified
     * @return the bytes it encodes (bits past the last whole byte are dropped, as RFC 4648 section
     *     3.5 allows), a new array the caller should overwrite after use
     * @throws IllegalArgumentException if a character is outside the alphabet, padding does not end
     *     a block of 8, or the length is one no encoder produces; the message quotes nothing
     */
    static byte[] decode(CharSequence text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '=') {
            end--;
        }
        if (end < text.length() && text.length() % 8 != 0) {
            throw new IllegalArgumentException("Base32 padding must complete a block of 8 characters");
        }
        int remainder = end % 8;
        if (remainder == 1 || remainder == 3 || remainder == 6) {
            throw new IllegalArgumentException("the Base32 text has a length no encoder produces");
        }
        byte[] out = new byte[end * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int written = 0;
        for (int i = 0; i < end; i++) {
            int value = valueOf(text.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("the Base32 text has a character outside A-Z and 2-7");
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
