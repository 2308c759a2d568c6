/**
 * The {@code totp} MFA provider, {@link dev.mfa4j.totp.TotpProvider}, and the names of its options,
 * {@link dev.mfa4j.totp.TotpOptions}. Hosts do not call it directly: add the jar and mfa-core finds
 * it; principals enroll through mfa-core's enrollment management. See {@code docs/providers/totp.md}.
 */
package dev.mfa4j.totp;
