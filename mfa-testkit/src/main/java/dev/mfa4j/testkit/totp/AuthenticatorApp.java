package dev.mfa4j.testkit.totp;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An authenticator app, as a test needs one: it scans the {@code otpauth://totp/...} URI an
 * enrollment shows (the Key Uri Format that Google Authenticator and other apps read), or takes
 * the key a user would type, and shows the code of RFC 6238 for any instant the test chooses. It
 * is written from the RFCs, apart from mfa4j's TOTP provider, so a test that logs in with its
 * codes checks the provider against an independent reading of the standard.
 *
 * <pre>{@code
 * EnrollmentPrompt.QrCode qr = (EnrollmentPrompt.QrCode) mfa.enrollments().begin(bob);
 * AuthenticatorApp app = AuthenticatorApp.scan(qr.uri());
 * mfa.enrollments().confirm(bob, app.codeAt(clock.instant()));
 * }</pre>
 *
 * <p>Immutable and thread safe. It keeps the secret for its whole life: a test object, never for
 * production.
 *
 * @since 0.1.0
 */
public final class AuthenticatorApp {

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private final byte[] secret;
    private final String algorithm;
    private final int digits;
    private final int period;
    private final String label;

    private AuthenticatorApp(byte[] secret, String algorithm, int digits, int period, String label) {
        this.secret = secret;
        this.algorithm = algorithm;
        this.digits = digits;
        this.period = period;
        this.label = label;
    }

    /**
     * Reads an {@code otpauth://totp/LABEL?secret=...} URI: {@code secret} is required;
     * {@code algorithm} ({@code SHA1}, {@code SHA256}, {@code SHA512}; default SHA1),
     * {@code digits} (6 or 8; default 6) and {@code period} (seconds; default 30) as an app reads
     * them.
     *
     * @param uri the URI, as an enrollment shows it
     * @return the app with that account added
     * @throws NullPointerException if {@code uri} is null
     * @throws IllegalArgumentException if it is not a TOTP key URI an app would accept
     */
    public static AuthenticatorApp scan(URI uri) {
        Objects.requireNonNull(uri, "uri");
        if (!"otpauth".equalsIgnoreCase(uri.getScheme()) || !"totp".equalsIgnoreCase(uri.getHost())) {
            throw new IllegalArgumentException("not an otpauth://totp/ URI: " + uri.getScheme() + "://" + uri.getHost());
        }
        Map<String, String> query = query(uri.getRawQuery());
        String secret = query.get("secret");
        if (secret == null) {
            throw new IllegalArgumentException("the URI has no secret parameter");
        }
        String algorithm = switch (query.getOrDefault("algorithm", "SHA1").toUpperCase(Locale.ROOT)) {
            case "SHA1" -> "HmacSHA1";
            case "SHA256" -> "HmacSHA256";
            case "SHA512" -> "HmacSHA512";
            default -> throw new IllegalArgumentException("unknown algorithm " + query.get("algorithm"));
        };
        int digits = number(query.getOrDefault("digits", "6"), "digits");
        if (digits != 6 && digits != 8) {
            throw new IllegalArgumentException("digits must be 6 or 8, not " + digits);
        }
        int period = number(query.getOrDefault("period", "30"), "period");
        if (period < 1) {
            throw new IllegalArgumentException("period must be at least 1 second, not " + period);
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        return new AuthenticatorApp(base32(secret), algorithm, digits, period, path.startsWith("/") ? path.substring(1) : path);
    }

    /**
     * Adds an account by the key a user types (letters and digits of Base32, in any case, spaces
     * and dashes ignored), with what apps assume then: SHA1, 6 digits, 30-second steps.
     *
     * @param key the key, as shown to be typed
     * @return the app with that account added
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if it is not Base32
     */
    public static AuthenticatorApp typed(String key) {
        Objects.requireNonNull(key, "key");
        return new AuthenticatorApp(base32(key), "HmacSHA1", 6, 30, "");
    }

    /**
     * @param instant when the code is read off the app
     * @return the code the app shows then, with its leading zeros
     * @throws NullPointerException if {@code instant} is null
     */
    public String codeAt(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        long step = Math.floorDiv(instant.getEpochSecond(), period);
        byte[] hash;
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret, algorithm));
            hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot compute " + algorithm, e);
        }
        // RFC 4226 section 5.3: dynamic truncation.
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16) | ((hash[offset + 2] & 0xff) << 8)
                | (hash[offset + 3] & 0xff);
        String code = Integer.toString(binary % POWERS_OF_TEN[digits]);
        return "0".repeat(digits - code.length()) + code;
    }

    /**
     * @param clock the clock the test moves
     * @return the code the app shows at the clock's instant
     */
    public String code(Clock clock) {
        return codeAt(clock.instant());
    }

    /** @return the label of the URI scanned ({@code Issuer:account}, decoded), or empty for a typed key */
    public String label() {
        return URLDecoder.decode(label.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** @return how many digits a code has */
    public int digits() {
        return digits;
    }

    /** @return the length of a time step, in seconds */
    public int period() {
        return period;
    }

    /** @return the account's label and settings; never the secret */
    @Override
    public String toString() {
        return "AuthenticatorApp[" + label() + ", " + algorithm + ", " + digits + " digits, " + period + " s]";
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.put(pair.substring(0, equals).toLowerCase(Locale.ROOT),
                        URLDecoder.decode(pair.substring(equals + 1).replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static int number(String text, String name) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a whole number: " + text, e);
        }
    }

    /** RFC 4648 Base32, without padding; case, spaces, dashes and trailing '=' are ignored. */
    private static byte[] base32(String text) {
        String clean = text.replace(" ", "").replace("-", "").replaceAll("=+$", "").toUpperCase(Locale.ROOT);
        if (clean.isEmpty()) {
            throw new IllegalArgumentException("the key is empty");
        }
        ByteBuffer out = ByteBuffer.allocate(clean.length() * 5 / 8);
        long buffer = 0;
        int bits = 0;
        for (int i = 0; i < clean.length(); i++) {
            int value = BASE32.indexOf(clean.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("the key is not Base32 at character " + (i + 1));
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >>> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }
}
