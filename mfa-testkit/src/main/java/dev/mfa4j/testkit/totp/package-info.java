/**
 * An authenticator app for tests: it scans an {@code otpauth://totp/...} URI (or takes the key a
 * user would type) and shows the codes of RFC 6238 at any instant a test chooses.
 */
package dev.mfa4j.testkit.totp;
