/**
 * The {@code duo} MFA provider. Hosts do not call it directly: add the jar and mfa-core finds it.
 */
package dev.mfa4j.duo;
