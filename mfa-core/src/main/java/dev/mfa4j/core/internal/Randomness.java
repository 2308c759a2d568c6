package dev.mfa4j.core.internal;

import java.security.SecureRandom;

/**
 * The one {@link SecureRandom} that mfa-core's nonces, salts and recovery codes come from. It is
 * made on first use, not when a service is built: making it loads the JDK's security providers,
 * a cost a short command that seals nothing need not pay. Thread safe.
 */
final class Randomness {

    private Randomness() {
    }

    /** @return the shared source, made on the first call */
    static SecureRandom secure() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        static final SecureRandom INSTANCE = new SecureRandom();
    }
}
