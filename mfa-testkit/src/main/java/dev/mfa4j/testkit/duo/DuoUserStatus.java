package dev.mfa4j.testkit.duo;

/**
 * A Duo user's account state, which decides what preauth and auth answer.
 *
 * @since 0.1.0
 */
public enum DuoUserStatus {
    /** Must complete two-factor authentication: preauth answers {@code auth}. */
    ACTIVE,
    /** In bypass: preauth answers {@code allow}, auth allows with status {@code bypass}. */
    BYPASS,
    /** Locked out after failed attempts: preauth answers {@code deny}, auth {@code locked_out}. */
    LOCKED_OUT,
    /** Disabled by an administrator: preauth and auth answer {@code deny}. */
    DISABLED,
    /** Known but not enrolled: preauth answers {@code enroll} with an {@code enroll_portal_url}. */
    NOT_ENROLLED
}
