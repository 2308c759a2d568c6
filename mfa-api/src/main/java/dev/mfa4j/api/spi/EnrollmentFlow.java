package dev.mfa4j.api.spi;

/**
 * How a provider enrolls a principal itself, in two phases: {@link #begin} makes what the
 * principal needs and says what to show them (for TOTP: a new secret, as a QR code); the
 * principal proves it worked, and {@link #confirm} checks the proof (a current code) and says
 * what to keep. mfa-core keeps the pending and the active data in the host's
 * {@link EnrollmentStore}, asks the host's authorizer first, emits an event for each phase, and
 * hands the active data to the verifier in each {@link VerificationRequest}.
 *
 * <p>A provider offers it through {@link MfaProvider#enrollment()}. The same shape serves factors
 * registered through a browser (WebAuthn: {@code begin} answers creation options, {@code confirm}
 * checks the attestation) and those enrolled at the provider's own pages (a Universal Prompt:
 * {@code begin} answers the authorization URL, {@code confirm} takes the callback's code).
 *
 * <p>Called from any thread, concurrently; must be quick (no network calls), and must not throw
 * for a bad proof: refuse it.
 *
 * @since 0.1.0
 */
public interface EnrollmentFlow {

    /**
     * The first phase.
     *
     * @param request who enrolls, under which configuration
     * @return what to keep until the proof, and what to show
     * @throws dev.mfa4j.api.InvalidConfigurationException if the configuration cannot enroll
     */
    EnrollmentStart begin(EnrollmentRequest request);

    /**
     * The second phase.
     *
     * @param request who enrolls, under which configuration
     * @param pending what {@link #begin} asked to keep, secrets opened
     * @param proof what the principal sent back (for TOTP: the code the app shows)
     * @return what to keep from now on, or a refusal
     */
    EnrollmentOutcome confirm(EnrollmentRequest request, EnrollmentData pending, String proof);
}
