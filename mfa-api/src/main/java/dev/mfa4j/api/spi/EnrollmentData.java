package dev.mfa4j.api.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a provider keeps for one principal once enrolled (or while enrolling): named values, some
 * of them secret, such as a TOTP secret. mfa-core stores it through the host's
 * {@link EnrollmentStore}, seals the secret values when the host has sealing keys, and hands it
 * back to the provider's verifier in each {@link VerificationRequest} of that principal.
 *
 * <p>{@link #toString()} lists the keys, never a value.
 *
 * @param values the values by key: keys are a letter then up to 63 letters, digits or {@code _};
 *     values at most {@value #MAX_VALUE_LENGTH} characters; copied, order kept
 * @param secrets the keys whose values are secret (sealed at rest, never shown); each one of
 *     {@code values}' keys
 * @since 0.1.0
 */
public record EnrollmentData(Map<String, String> values, Set<String> secrets) {

    /** The longest value accepted, in characters. */
    public static final int MAX_VALUE_LENGTH = 16_384;
    /** The most values one enrollment holds. */
    public static final int MAX_VALUES = 64;

    private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    /**
     * @param values the values by key: keys are a letter then up to 63 letters, digits or {@code _};
     *         values at most {@value #MAX_VALUE_LENGTH} characters; copied, order kept
     * @param secrets the keys whose values are secret (sealed at rest, never shown); each one of
     *         {@code values}' keys
     * @throws NullPointerException if a component, key or value is null
     * @throws IllegalArgumentException if a key, a value or the secrets break the rules above
     */
    public EnrollmentData {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(secrets, "secrets");
        if (values.size() > MAX_VALUES) {
            throw new IllegalArgumentException("an enrollment holds at most " + MAX_VALUES + " values");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("an enrollment value's key is a letter then up to 63 letters, digits or _");
            }
            if (value.length() > MAX_VALUE_LENGTH) {
                throw new IllegalArgumentException("the enrollment value " + key + " is longer than " + MAX_VALUE_LENGTH);
            }
            copy.put(key, value);
        });
        for (String secret : secrets) {
            if (!copy.containsKey(Objects.requireNonNull(secret, "secret"))) {
                throw new IllegalArgumentException("the secret " + secret + " is not one of the values");
            }
        }
        values = Collections.unmodifiableMap(copy);
        secrets = Collections.unmodifiableSet(new TreeSet<>(secrets));
    }

    /**
     * @param values the values, none secret
     * @return the data
     */
    public static EnrollmentData of(Map<String, String> values) {
        return new EnrollmentData(values, Set.of());
    }

    /**
     * @param key a key
     * @return its value, or null if absent
     */
    public String value(String key) {
        return values.get(key);
    }

    /** @return the keys (values never printed) */
    @Override
    public String toString() {
        return "EnrollmentData[keys=" + values.keySet() + ", secrets=" + secrets + "]";
    }
}
