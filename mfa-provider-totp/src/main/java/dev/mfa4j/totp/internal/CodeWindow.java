package dev.mfa4j.totp.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.OptionalLong;
import javax.crypto.Mac;

/**
 * Finds the time step, within a window around now, whose code is the one typed: what both a
 * verification and the confirmation of an enrollment ask.
 *
 * <p>Every step of the window is computed and compared with {@link MessageDigest#isEqual}, whatever
 * matched, so the time taken tells neither how much of a code was right nor which step matched.
 */
final class CodeWindow {

    private CodeWindow() {
    }

    /**
     * @param key the secret's bytes
     * @param parameters the algorithm, digits and period the app uses
     * @param typed the code as typed, ASCII digits (of any length: a wrong length matches nothing)
     * @param now the current time step
     * @param window how many steps before and after {@code now} to try, 0 or more
     * @return the latest matching step, or empty
     * @throws GeneralSecurityException if the runtime lacks the HMAC
     */
    static OptionalLong match(byte[] key, TotpParameters parameters, byte[] typed, long now, int window)
            throws GeneralSecurityException {
        Mac mac = Hotp.keyed(parameters.algorithm(), key);
        boolean found = false;
        long matched = 0;
        for (long step = now - window; step <= now + window; step++) {
            boolean equal = MessageDigest.isEqual(Hotp.code(mac, step, parameters.digits()), typed);
            found |= equal;
            matched = equal ? step : matched;
        }
        return found ? OptionalLong.of(matched) : OptionalLong.empty();
    }
}
