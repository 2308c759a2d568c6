/**
 * For hosts: the values a host passes to and gets from {@code MfaService} (in mfa-core).
 *
 * <ul>
 *   <li>{@link dev.mfa4j.api.PrincipalId}: who logs in, {@code principal/internal/user/bob};</li>
 *   <li>{@link dev.mfa4j.api.MfaConfiguration} and {@link dev.mfa4j.api.MfaAssignment}: named
 *       provider configurations, and which one a principal uses;</li>
 *   <li>{@link dev.mfa4j.api.VerificationResult} and {@link dev.mfa4j.api.Reason}: whether a login
 *       may proceed, and why;</li>
 *   <li>{@link dev.mfa4j.api.VerificationContext}: client IP, request id, progress listener;</li>
 *   <li>{@link dev.mfa4j.api.MfaException} and its subclasses: bad input, refused management
 *       operations, storage failures.</li>
 * </ul>
 */
package dev.mfa4j.api;
