/**
 * Audit events: one {@link dev.mfa4j.api.event.VerificationEvent} per verification attempt, and
 * events for configuration and assignment changes, delivered to
 * {@link dev.mfa4j.api.event.MfaEventListener}s. No event carries a secret or a passcode.
 */
package dev.mfa4j.api.event;
