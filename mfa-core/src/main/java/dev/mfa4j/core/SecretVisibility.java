package dev.mfa4j.core;

/**
 * Whether a management read shows secret option values (such as Duo's {@code SecretKey}).
 *
 * @since 0.1.0
 */
public enum SecretVisibility {
    /** Secret values are replaced by {@value MfaConfigurations#REDACTED}. The default for every read. */
    REDACTED,
    /**
     * Secret values are shown. The caller must be permitted READ on
     * {@code mfa/configurations/<name>/secrets} for each configuration read.
     */
    REVEALED
}
