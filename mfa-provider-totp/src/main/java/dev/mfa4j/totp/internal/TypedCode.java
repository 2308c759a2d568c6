package dev.mfa4j.totp.internal;

import java.util.Optional;

/**
 * A code as a person typed it to confirm an enrollment: the digits, with spaces and dashes between
 * them taken out, as apps show a code in groups ({@code 123 456}). At verification, mfa-core has
 * already parsed the passcode the same way.
 */
final class TypedCode {

    private TypedCode() {
    }

    /**
     * @param typed what was typed; never quoted by anyone
     * @param digits how many digits the code must have
     * @return the code as ASCII digits, or empty if it is not {@code digits} digits
     */
    static Optional<byte[]> digits(String typed, int digits) {
        if (typed.length() > 4 * digits) {
            return Optional.empty();
        }
        byte[] out = new byte[digits];
        int count = 0;
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            if (c >= '0' && c <= '9') {
                if (count == digits) {
                    return Optional.empty();
                }
                out[count++] = (byte) c;
            } else if (c != ' ' && c != '-') {
                return Optional.empty();
            }
        }
        return count == digits ? Optional.of(out) : Optional.empty();
    }
}
