/**
 * An example MFA provider plugin: {@link dev.mfa4j.examples.totp.TotpProvider}, provider type
 * {@code example-totp}, time-based one-time passwords as RFC 6238 defines them. Only the provider class
 * is public; the rest is its implementation.
 */
package dev.mfa4j.examples.totp;
