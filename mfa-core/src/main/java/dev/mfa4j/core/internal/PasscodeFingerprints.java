package dev.mfa4j.core.internal;

import dev.mfa4j.api.Credential;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.spi.OptionSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one-way fingerprint under which an accepted passcode is remembered in the attempt store, so
 * that it is refused if presented again. It is a keyed hash (HMAC-SHA-256), because a six-digit
 * passcode behind a plain hash is found by trying a million codes in about a second.
 *
 * <p>The key of one configuration is derived from two things every node of a cluster already
 * shares, and that the attempt store does not hold:
 * <ul>
 *   <li>the configuration's secret option values (Duo's {@code SecretKey}), opened, so whoever
 *       reads only the attempt store cannot test candidate passcodes;</li>
 *   <li>the service's fingerprint key, if the host gave one ({@code MfaService.Builder#fingerprintKey}),
 *       which also protects configurations without secret options and keeps the records closed to
 *       someone who reads both the attempt store and the configuration store.</li>
 * </ul>
 * Rotating either changes the fingerprints: a passcode accepted just before could then be accepted
 * once more within its reuse window (the provider itself, such as Duo, still refuses a reused
 * one-time passcode).
 *
 * <p>Format: {@code h1:} and 64 hex digits. Thread safe.
 */
public final class PasscodeFingerprints {

    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] LABEL = "mfa4j passcode fingerprint v1".getBytes(StandardCharsets.US_ASCII);
    private static final String PREFIX = "h1:";

    private final SecretKeySpec key;
    /** Never used itself: each fingerprint works on a clone, cheaper than a provider lookup. */
    private final Mac ready;
    private final boolean keyed;

    private PasscodeFingerprints(SecretKeySpec key, boolean keyed) throws GeneralSecurityException {
        this.key = key;
        this.ready = Mac.getInstance(ALGORITHM);
        this.ready.init(key);
        this.keyed = keyed;
    }

    /**
     * @param opened the configuration with its secrets opened
     * @param specs its provider's option specs, to tell which options are secret
     * @param serviceKey the host's fingerprint key, if it gave one
     * @return the fingerprints of that configuration
     */
    public static PasscodeFingerprints of(MfaConfiguration opened, List<OptionSpec> specs, Optional<SecretKey> serviceKey) {
        try {
            Mac derive = Mac.getInstance(ALGORITHM);
            derive.init(new SecretKeySpec(serviceKey.map(SecretKey::getEncoded).orElse(new byte[32]), ALGORITHM));
            derive.update(LABEL);
            boolean anySecret = false;
            for (OptionSpec spec : specs) {
                Optional<String> value = opened.option(spec.name());
                if (spec.secret() && value.isPresent()) {
                    updateWithLength(derive, spec.name().getBytes(StandardCharsets.UTF_8));
                    updateWithLength(derive, value.get().getBytes(StandardCharsets.UTF_8));
                    anySecret = true;
                }
            }
            return new PasscodeFingerprints(new SecretKeySpec(derive.doFinal(), ALGORITHM), anySecret || serviceKey.isPresent());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has HmacSHA256", e);
        }
    }

    /** @return whether anything secret went into the key; if not, the records can be reversed */
    public boolean keyed() {
        return keyed;
    }

    /**
     * @param scope the principal and configuration the passcode is for
     * @param passcode the passcode
     * @return its fingerprint
     */
    public String of(String scope, Credential.Passcode passcode) {
        Mac mac = copy();
        mac.update(scope.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return PREFIX + HexFormat.of().formatHex(mac.doFinal(passcode.digits().getBytes(StandardCharsets.US_ASCII)));
    }

    private Mac copy() {
        try {
            return (Mac) ready.clone();
        } catch (CloneNotSupportedException e) {
            // The JDK's Macs clone; another security provider's might not.
            try {
                Mac fresh = Mac.getInstance(ALGORITHM);
                fresh.init(key);
                return fresh;
            } catch (GeneralSecurityException impossible) {
                throw new IllegalStateException("every Java platform has HmacSHA256", impossible);
            }
        }
    }

    private static void updateWithLength(Mac mac, byte[] bytes) {
        mac.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        mac.update(bytes);
    }
}
