package dev.mfa4j.core.internal;

import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.SealedSecretException;
import dev.mfa4j.api.spi.EnrollmentData;
import dev.mfa4j.api.spi.OptionSpec;
import dev.mfa4j.api.spi.StoredEnrollment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals secret option values with AES-256-GCM before they are stored, and opens them when a
 * verifier or a permitted reader needs them. A sealed value reads
 * {@code mfa4j-sealed:v1:<key id>:<base64url(nonce, ciphertext and tag)>}; its associated data is
 * the configuration name and option name, so a value copied to another configuration (or option)
 * does not open.
 *
 * <p>Without keys, nothing is sealed, and a sealed value found in the store cannot be opened. With
 * keys, a plain value found in the store (written before sealing was turned on) is used as is
 * until {@code reseal} seals it.
 */
public final class SecretSealer {

    static final String PREFIX = "mfa4j-sealed:v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Optional<SealingKeysAccess> keys;

    /**
     * The package-private parts of {@link dev.mfa4j.core.SealingKeys} this class needs, passed
     * in by mfa-core's public package.
     */
    public interface SealingKeysAccess {
        /** @return the id of the current key */
        String currentId();

        /** @return the current key */
        SecretKey currentKey();

        /**
         * @param keyId a key id
         * @return that key, or null
         */
        SecretKey key(String keyId);
    }

    /** @param keys the keys, or empty to seal nothing */
    public SecretSealer(Optional<SealingKeysAccess> keys) {
        this.keys = keys;
    }

    /**
     * @param value an option value as stored
     * @return whether it is a sealed value
     */
    public static boolean isSealed(String value) {
        return value.startsWith(PREFIX);
    }

    /** @return whether values are sealed */
    public boolean enabled() {
        return keys.isPresent();
    }

    /**
     * @param configuration a configuration with plain values
     * @param specs its provider's option specs (and the common ones)
     * @return it with every secret option value sealed under the current key, or unchanged when
     *     sealing is off
     */
    public MfaConfiguration seal(MfaConfiguration configuration, List<OptionSpec> specs) {
        if (keys.isEmpty()) {
            return configuration;
        }
        Map<String, String> sealed = new LinkedHashMap<>();
        configuration.options().forEach((option, value) -> sealed.put(option, isSecret(option, specs) && !value.startsWith(PREFIX)
                ? sealValue(associatedData(configuration.name(), option), value) : value));
        return configuration.withOptions(sealed);
    }

    /**
     * @param configuration a configuration as stored
     * @return it with every sealed value opened
     * @throws SealedSecretException naming the configuration and option if a value cannot be opened
     */
    public MfaConfiguration open(MfaConfiguration configuration) {
        if (configuration.options().values().stream().noneMatch(v -> v.startsWith(PREFIX))) {
            return configuration;
        }
        Map<String, String> opened = new LinkedHashMap<>();
        configuration.options().forEach((option, value) -> opened.put(option, value.startsWith(PREFIX)
                ? openValue(associatedData(configuration.name(), option), "option " + option + " of MFA configuration '"
                        + configuration.name() + "'", value)
                : value));
        return configuration.withOptions(opened);
    }

    /**
     * @param configuration a configuration as stored
     * @param specs its option specs
     * @return whether some secret value is plain, or sealed under a key other than the current one
     */
    public boolean needsResealing(MfaConfiguration configuration, List<OptionSpec> specs) {
        if (keys.isEmpty()) {
            return false;
        }
        String current = PREFIX + keys.get().currentId() + ":";
        return configuration.options().entrySet().stream()
                .anyMatch(e -> isSecret(e.getKey(), specs) && !e.getValue().startsWith(current));
    }

    private static boolean isSecret(String option, List<OptionSpec> specs) {
        return specs.stream().anyMatch(spec -> spec.secret() && spec.name().equals(option));
    }

    /**
     * @param enrollment a principal's enrollment with plain values
     * @return it with every secret value sealed under the current key, bound to the principal,
     *     slot and value name; unchanged when sealing is off
     */
    public StoredEnrollment seal(StoredEnrollment enrollment) {
        if (keys.isEmpty() || enrollment.data().secrets().isEmpty()) {
            return enrollment;
        }
        Map<String, String> sealed = new LinkedHashMap<>();
        enrollment.data().values().forEach((key, value) -> sealed.put(key, enrollment.data().secrets().contains(key)
                && !value.startsWith(PREFIX) ? sealValue(associatedData(enrollment, key), value) : value));
        return new StoredEnrollment(enrollment.principal(), enrollment.slot(), new EnrollmentData(sealed, enrollment.data().secrets()),
                enrollment.revision(), enrollment.updated());
    }

    /**
     * @param enrollment a principal's enrollment as stored
     * @return its data with every sealed value opened
     * @throws SealedSecretException naming the principal, slot and value if one cannot be opened
     */
    public EnrollmentData open(StoredEnrollment enrollment) {
        EnrollmentData data = enrollment.data();
        if (data.values().values().stream().noneMatch(v -> v.startsWith(PREFIX))) {
            return data;
        }
        Map<String, String> opened = new LinkedHashMap<>();
        data.values().forEach((key, value) -> opened.put(key, value.startsWith(PREFIX)
                ? openValue(associatedData(enrollment, key), "value " + key + " of the enrollment of " + enrollment.principal()
                        + " in slot " + enrollment.slot(), value)
                : value));
        return new EnrollmentData(opened, data.secrets());
    }

    private String sealValue(byte[] associatedData, String value) {
        SealingKeysAccess access = keys.orElseThrow();
        byte[] nonce = new byte[NONCE_BYTES];
        Randomness.secure().nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, access.currentKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData);
            byte[] ciphertext = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            byte[] blob = ByteBuffer.allocate(nonce.length + ciphertext.length).put(nonce).put(ciphertext).array();
            return PREFIX + access.currentId() + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(blob);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java platform", e);
        }
    }

    private String openValue(byte[] associatedData, String where, String value) {
        if (keys.isEmpty()) {
            throw new SealedSecretException(where + " is sealed, but this service has no sealing keys");
        }
        String rest = value.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        SecretKey key = colon > 0 ? keys.get().key(rest.substring(0, colon)) : null;
        if (key == null) {
            throw new SealedSecretException(where + " is sealed with a key this service does not have"
                    + (colon > 0 ? " (key id " + ConfigurationJson.printable(rest.substring(0, colon)) + ")" : ""));
        }
        try {
            byte[] blob = Base64.getUrlDecoder().decode(rest.substring(colon + 1));
            if (blob.length < NONCE_BYTES + TAG_BITS / 8) {
                throw new SealedSecretException(where + " is not a valid sealed value");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, blob, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData);
            return new String(cipher.doFinal(blob, NONCE_BYTES, blob.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new SealedSecretException(where + " cannot be opened: it was sealed for another place, or altered");
        }
    }

    private static byte[] associatedData(String configurationName, String option) {
        return ("mfa4j-sealed:v1\0" + configurationName + "\0" + option).getBytes(StandardCharsets.UTF_8);
    }

    /** Another shape than a configuration's (five parts, a fixed label), so neither opens as the other. */
    private static byte[] associatedData(StoredEnrollment enrollment, String key) {
        return ("mfa4j-sealed:v1\0enrollment\0" + enrollment.principal().path() + "\0" + enrollment.slot() + "\0" + key)
                .getBytes(StandardCharsets.UTF_8);
    }
}
