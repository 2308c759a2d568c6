package dev.mfa4j.totp.internal;

import dev.mfa4j.totp.TotpOptions;
import java.time.Instant;
import java.util.Objects;

/**
 * What an authenticator app was told when it was given a secret, and so what it computes codes
 * with: the HMAC, the number of digits and the period. Kept with each enrollment, so that a later
 * change of the configuration does not break the codes of apps enrolled before it.
 *
 * @param algorithm the HMAC hash function
 * @param digits 6 or 8
 * @param period the time step X of RFC 6238, in seconds, {@link TotpOptions#MIN_PERIOD} to
 *     {@link TotpOptions#MAX_PERIOD}
 */
record TotpParameters(HmacAlgorithm algorithm, int digits, int period) {

    /** The defaults: what every authenticator app supports. */
    static final TotpParameters DEFAULTS = new TotpParameters(HmacAlgorithm.SHA1, 6, 30);

    /**
     * @throws NullPointerException if {@code algorithm} is null
     * @throws IllegalArgumentException if {@code digits} or {@code period} is out of range
     */
    TotpParameters {
        Objects.requireNonNull(algorithm, "algorithm");
        if (digits != 6 && digits != 8) {
            throw new IllegalArgumentException("a TOTP code has 6 or 8 digits");
        }
        if (period < TotpOptions.MIN_PERIOD || period > TotpOptions.MAX_PERIOD) {
            throw new IllegalArgumentException("a TOTP period is " + TotpOptions.MIN_PERIOD + " to " + TotpOptions.MAX_PERIOD + " seconds");
        }
    }

    /**
     * @param time an instant
     * @return the time step counter T of RFC 6238 section 4.2, with T0 = 0
     */
    long stepAt(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), period);
    }
}
