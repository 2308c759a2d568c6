package dev.mfa4j.totp.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.OptionalLong;
import javax.crypto.Mac;

/**
 * Finds the time step, within a window around now, whose code is the one typed: what both a
 * verification and the confirmation of an enrollment ask.
 *
 * <p>Steps are tried from now outwards (now, now − 1, now + 1, now − 2...), and the search stops at
 * the first match, so the usual code, the current one, costs one HMAC. Each comparison is
 * {@link MessageDigest#isEqual}, whose time does not depend on how much of the code was right. The
 * time taken does tell which step matched, which the approval says anyway; a wrong code always
 * costs every step of the window.
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
     * @return the matching step, or empty
     * @throws GeneralSecurityException if the runtime lacks the HMAC
     */
    static OptionalLong match(byte[] key, TotpParameters parameters, byte[] typed, long now, int window)
            throws GeneralSecurityException {
        Mac mac = Hotp.keyed(parameters.algorithm(), key);
        for (int i = 0; i <= 2 * window; i++) {
            // 0, -1, +1, -2, +2...
            long step = now + ((i & 1) == 0 ? i / 2 : -(i + 1) / 2);
            if (MessageDigest.isEqual(Hotp.code(mac, step, parameters.digits()), typed)) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }
}
