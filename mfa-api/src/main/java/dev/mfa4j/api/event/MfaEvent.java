package dev.mfa4j.api.event;

import java.time.Instant;

/**
 * An audit event: a verification, or a change to configurations, assignments or enrollments. Events carry no
 * secret option value and no passcode.
 *
 * @since 0.1.0
 */
public sealed interface MfaEvent permits VerificationEvent, ConfigurationEvent, AssignmentEvent, EnrollmentEvent {

    /** @return when it happened, from mfa-core's clock (UTC) */
    Instant time();
}
