/**
 * The {@code duo} MFA provider, {@link dev.mfa4j.duo.DuoProvider}, and the names of its options,
 * {@link dev.mfa4j.duo.DuoOptions}. Hosts do not call it directly: add the jar and mfa-core finds it.
 */
package dev.mfa4j.duo;
