package dev.mfa4j.totp;

/**
 * The option names of a {@code totp} configuration, as written in configurations. What each means,
 * its form and its default: {@code docs/providers/totp.md}, or {@link TotpProvider#options()}.
 *
 * <p>No option holds a user's secret: each principal gets its own at enrollment, kept by mfa-core
 * in the host's enrollment store.
 *
 * @since 0.1.0
 */
public final class TotpOptions {

    /** Required: the name authenticator apps show beside the account, such as {@code ACME Co}; no colon. */
    public static final String ISSUER = "Issuer";
    /** The HMAC hash function: {@code SHA1} (default), {@code SHA256} or {@code SHA512}. */
    public static final String ALGORITHM = "Algorithm";
    /** How many digits a code has: {@code 6} (default) or {@code 8}. */
    public static final String DIGITS = "Digits";
    /** The time step in seconds, {@value #MIN_PERIOD} to {@value #MAX_PERIOD} (default {@code 30}). */
    public static final String PERIOD = "Period";
    /** How many steps before and after the current one are also accepted, 0 to {@value #MAX_WINDOW} (default {@code 1}). */
    public static final String WINDOW = "Window";

    /** The shortest period, in seconds. */
    public static final int MIN_PERIOD = 15;
    /** The longest period, in seconds. */
    public static final int MAX_PERIOD = 60;
    /** The widest window, in steps either side. */
    public static final int MAX_WINDOW = 3;
    /** The longest issuer, in characters. */
    public static final int MAX_ISSUER_LENGTH = 64;

    private TotpOptions() {
    }
}
