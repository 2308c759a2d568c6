/**
 * The totp provider's workings: code computation, Base32, the enrollment data, the
 * {@code otpauth://} URI, the QR code (PNG and terminal text), the verifier and the enrollment
 * flow. Not exported; nothing here is API.
 */
package dev.mfa4j.totp.internal;
