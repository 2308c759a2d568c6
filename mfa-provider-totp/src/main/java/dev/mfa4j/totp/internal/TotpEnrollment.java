package dev.mfa4j.totp.internal;

import dev.mfa4j.api.Secret;
import dev.mfa4j.api.spi.EnrollmentData;
import java.nio.CharBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What the provider keeps for one principal, pending or active, and its form as
 * {@link EnrollmentData} (which mfa-core stores, sealing the secret):
 * <ul>
 *   <li>{@value #SECRET} (secret): the shared secret in Base32 without padding;</li>
 *   <li>{@value #ALGORITHM}, {@value #DIGITS}, {@value #PERIOD}: what the app was told
 *       ({@link TotpParameters});</li>
 *   <li>{@value #CONFIRMED_STEP} (active data only): the time step of the code that confirmed the
 *       enrollment; a login with a code of that step or an earlier one is refused, so the code
 *       typed to confirm is not also a login.</li>
 * </ul>
 *
 * @param secret the Base32 secret; never printed
 * @param parameters what the app computes codes with
 * @param confirmedStep the confirming code's step, or empty while pending
 */
record TotpEnrollment(Secret secret, TotpParameters parameters, OptionalLong confirmedStep) {

    static final String SECRET = "secret";
    static final String ALGORITHM = "algorithm";
    static final String DIGITS = "digits";
    static final String PERIOD = "period";
    static final String CONFIRMED_STEP = "confirmedStep";

    /** The shortest secret accepted from the store: 128 bits, RFC 4226 section 4's minimum. */
    static final int MIN_SECRET_BYTES = 16;

    /** @throws NullPointerException if a component is null */
    TotpEnrollment {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(confirmedStep, "confirmedStep");
    }

    /**
     * Reads stored data, checking every value but the secret, which {@link #key()} checks as it
     * decodes it: the data comes from the host's store.
     *
     * @param data what mfa-core handed over, secrets opened
     * @return the enrollment
     * @throws IllegalArgumentException if a value is missing or malformed; the message names the
     *     key and never quotes a value
     */
    static TotpEnrollment from(EnrollmentData data) {
        return new TotpEnrollment(Secret.of(required(data, SECRET)), parametersOf(data), confirmedStepOf(data));
    }

    /**
     * @param data stored data
     * @return the algorithm, digits and period it holds
     * @throws IllegalArgumentException if one is missing or malformed; the message quotes nothing
     */
    static TotpParameters parametersOf(EnrollmentData data) {
        HmacAlgorithm algorithm = HmacAlgorithm.parse(required(data, ALGORITHM))
                .orElseThrow(() -> new IllegalArgumentException("the enrollment's " + ALGORITHM + " is not SHA1, SHA256 or SHA512"));
        return new TotpParameters(algorithm, integer(data, DIGITS), integer(data, PERIOD));
    }

    /**
     * @param data stored data
     * @return the step of the code that confirmed it, or empty if it holds none
     * @throws IllegalArgumentException if it is not a whole number
     */
    static OptionalLong confirmedStepOf(EnrollmentData data) {
        String confirmed = data.value(CONFIRMED_STEP);
        try {
            return confirmed == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(confirmed));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the enrollment's " + CONFIRMED_STEP + " is not a whole number");
        }
    }

    /**
     * The verification path's way to the key: straight from the data mfa-core handed over, with no
     * copy of the text that would then need overwriting.
     *
     * @param data stored data
     * @return the secret's bytes, a new array the caller must overwrite after use
     * @throws IllegalArgumentException if there is no secret, or it is not Base32 of at least 128
     *     bits (RFC 4226 section 4); the message quotes nothing
     */
    static byte[] keyOf(EnrollmentData data) {
        return checkedKey(Base32.decode(required(data, SECRET)));
    }

    private static String required(EnrollmentData data, String key) {
        String value = data.value(key);
        if (value == null) {
            throw new IllegalArgumentException("the enrollment has no " + key);
        }
        return value;
    }

    private static int integer(EnrollmentData data, String key) {
        try {
            return Integer.parseInt(required(data, key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the enrollment's " + key + " is not a whole number");
        }
    }

    /**
     * @param step the confirming code's step
     * @return this enrollment, confirmed
     */
    TotpEnrollment confirmedAt(long step) {
        return new TotpEnrollment(secret, parameters, OptionalLong.of(step));
    }

    /** @return the data mfa-core keeps, the secret marked secret */
    EnrollmentData toData() {
        Map<String, String> values = new LinkedHashMap<>();
        char[] chars = secret.chars();
        try {
            values.put(SECRET, new String(chars));
        } finally {
            Arrays.fill(chars, '\0');
        }
        values.put(ALGORITHM, parameters.algorithm().name());
        values.put(DIGITS, Integer.toString(parameters.digits()));
        values.put(PERIOD, Integer.toString(parameters.period()));
        confirmedStep.ifPresent(step -> values.put(CONFIRMED_STEP, Long.toString(step)));
        return new EnrollmentData(values, Set.of(SECRET));
    }

    /**
     * @return the secret's bytes, a new array the caller must overwrite after use
     * @throws IllegalArgumentException if the secret is not Base32 of at least 128 bits (RFC 4226
     *     section 4); the message quotes nothing
     */
    byte[] key() {
        char[] chars = secret.chars();
        try {
            return checkedKey(Base32.decode(CharBuffer.wrap(chars)));
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private static byte[] checkedKey(byte[] key) {
        if (key.length < MIN_SECRET_BYTES) {
            Arrays.fill(key, (byte) 0);
            throw new IllegalArgumentException("the enrollment's secret is shorter than 128 bits");
        }
        return key;
    }

    /** @return the parameters and whether it is confirmed; never the secret */
    @Override
    public String toString() {
        return "TotpEnrollment[" + parameters + ", confirmed=" + confirmedStep.isPresent() + "]";
    }
}
