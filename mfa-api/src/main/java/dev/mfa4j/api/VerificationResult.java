package dev.mfa4j.api;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to a verification: whether the login may proceed, and why.
 *
 * <pre>{@code
 * VerificationResult result = mfa.verify(principal, typed);
 * if (result.allowed()) {
 *     // log the user in
 * } else {
 *     switch (result.reason()) { ... }
 * }
 * }</pre>
 *
 * @param reason why; {@link Reason#allowsLogin()} decides {@link #allowed()}
 * @param message a short description for logs and operators (for Duo, its status message); never
 *     a secret or passcode, and not meant to be shown as is to end users
 * @param enrollmentUrl where the user can enroll a device, for {@link Reason#ENROLLMENT_REQUIRED}
 *     when the provider gives one; empty otherwise
 * @since 0.1.0
 */
public record VerificationResult(Reason reason, String message, Optional<URI> enrollmentUrl) {

    /**
     * @param reason why; {@link Reason#allowsLogin()} decides {@link #allowed()}
     * @param message a short description for logs and operators (for Duo, its status message); never
     *         a secret or passcode, and not meant to be shown as is to end users
     * @param enrollmentUrl where the user can enroll a device, for {@link Reason#ENROLLMENT_REQUIRED}
     *         when the provider gives one; empty otherwise
     * @throws NullPointerException if a component is null
     */
    public VerificationResult {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(enrollmentUrl, "enrollmentUrl");
    }

    /**
     * @param reason why
     * @param message a short description for logs
     * @return a result without an enrollment URL
     */
    public static VerificationResult of(Reason reason, String message) {
        return new VerificationResult(reason, message, Optional.empty());
    }

    /** @return whether the login may proceed: true only for an approved or bypassed verification */
    public boolean allowed() {
        return reason.allowsLogin();
    }
}
