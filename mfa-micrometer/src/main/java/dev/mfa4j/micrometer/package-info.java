/**
 * Micrometer metrics for mfa4j: {@link dev.mfa4j.micrometer.MfaMetrics} counts verifications and
 * management changes from mfa4j's audit events, times verifications, gauges the pushes waiting
 * for an answer, and wraps verifications in a Micrometer {@code Observation}. Meter names and tags
 * are listed in docs/observability.md. No principal, user id, passcode, request id, address or
 * configuration name ever becomes a tag.
 */
package dev.mfa4j.micrometer;
