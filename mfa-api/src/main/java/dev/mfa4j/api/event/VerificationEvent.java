package dev.mfa4j.api.event;

import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Exactly one per verification attempt, whatever its end: a result, or input refused with an
 * exception.
 *
 * @param time when the verification ended (UTC)
 * @param requestId the request id from the verification's context
 * @param principal who tried to log in
 * @param clientIp the client's IP address, if the host gave it
 * @param applicationName the application, if the host gave it
 * @param configurationName the principal's configuration, once known
 * @param providerType that configuration's provider type, once known
 * @param factor {@code passcode}, the keyword used (such as {@code push}), or {@code invalid} when
 *     the typed text was refused
 * @param reason the result's reason; empty when the input was refused with an exception
 * @param allowed whether the login may proceed
 * @param detail for operators: the provider's message, or the internal cause the caller is not
 *     told (such as a replayed passcode, reported to the caller as an ordinary wrong one); never a
 *     secret or passcode
 * @param duration how long the verification took
 * @since 0.1.0
 */
public record VerificationEvent(Instant time, String requestId, PrincipalId principal, Optional<String> clientIp,
        Optional<String> applicationName, Optional<String> configurationName, Optional<String> providerType, String factor,
        Optional<Reason> reason, boolean allowed, String detail, Duration duration) implements MfaEvent {

    /**
     * @param time when the verification ended (UTC)
     * @param requestId the request id from the verification's context
     * @param principal who tried to log in
     * @param clientIp the client's IP address, if the host gave it
     * @param applicationName the application, if the host gave it
     * @param configurationName the principal's configuration, once known
     * @param providerType that configuration's provider type, once known
     * @param factor {@code passcode}, the keyword used (such as {@code push}), or {@code invalid} when
     *         the typed text was refused
     * @param reason the result's reason; empty when the input was refused with an exception
     * @param allowed whether the login may proceed
     * @param detail for operators: the provider's message, or the internal cause the caller is not
     *         told (such as a replayed passcode, reported to the caller as an ordinary wrong one); never a
     *         secret or passcode
     * @param duration how long the verification took
     * @throws NullPointerException if a component is null
     */
    public VerificationEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(clientIp, "clientIp");
        Objects.requireNonNull(applicationName, "applicationName");
        Objects.requireNonNull(configurationName, "configurationName");
        Objects.requireNonNull(providerType, "providerType");
        Objects.requireNonNull(factor, "factor");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(duration, "duration");
    }
}
