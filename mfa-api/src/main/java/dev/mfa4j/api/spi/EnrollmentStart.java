package dev.mfa4j.api.spi;

import dev.mfa4j.api.EnrollmentPrompt;
import java.util.Objects;

/**
 * The first phase of an enrollment, as a provider made it: what to keep until the principal
 * confirms, and what the principal must see.
 *
 * @param pending what mfa-core keeps (sealed where secret) until {@link EnrollmentFlow#confirm}
 * @param prompt what the host shows the principal (a QR code to scan, for TOTP)
 * @since 0.1.0
 */
public record EnrollmentStart(EnrollmentData pending, EnrollmentPrompt prompt) {

    /**
     * @param pending what mfa-core keeps (sealed where secret) until {@link EnrollmentFlow#confirm}
     * @param prompt what the host shows the principal (a QR code to scan, for TOTP)
     * @throws NullPointerException if a component is null
     */
    public EnrollmentStart {
        Objects.requireNonNull(pending, "pending");
        Objects.requireNonNull(prompt, "prompt");
    }
}
