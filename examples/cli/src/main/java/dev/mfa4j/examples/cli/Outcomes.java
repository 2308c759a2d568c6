package dev.mfa4j.examples.cli;

import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.VerificationResult;
import dev.mfa4j.core.AttemptPolicy;

/** How a login's outcome reads to the person who typed it. */
final class Outcomes {

    private Outcomes() {
    }

    /**
     * @param result how the login ended
     * @param principal who logged in
     * @param policy the attempt policy in force, to say how long a lockout lasts
     * @param challenged whether a push or call reached the user's device
     * @return one line: "Approved." or "Denied: ..." and why, in user words
     */
    static String describe(VerificationResult result, PrincipalId principal, AttemptPolicy policy, boolean challenged) {
        return switch (result.reason()) {
            case APPROVED -> "Approved.";
            case PROVIDER_BYPASS -> "Approved without a second factor: the provider lets this user bypass MFA.";
            case FAIL_OPEN_BYPASS -> "Approved without a second factor: the provider is unreachable and the configuration fails open.";
            case NOT_CONFIGURED -> "Denied: " + principal + " has no MFA configuration.";
            case ENROLLMENT_REQUIRED -> "Denied: no device is enrolled yet" + result.enrollmentUrl().map(url -> "; enroll one at " + url)
                    .orElse("") + ".";
            case INVALID_PASSCODE -> "Denied: wrong passcode.";
            case DENIED -> challenged ? "Denied on your device." : "Denied: the provider refused this login.";
            case FRAUD_REPORTED -> "Denied: the request was reported as fraudulent.";
            case TIMED_OUT -> "Denied: the request was not answered in time.";
            case LOCKED_OUT -> "Denied: the provider has locked this account.";
            case TOO_MANY_ATTEMPTS -> "Denied: too many failed attempts; try again later (a lockout lasts "
                    + policy.coolDown().toMinutes() + " minutes).";
            case TOO_MANY_PUSHES -> "Denied: too many pushes in a short time; wait a few minutes, or type a passcode.";
            case PUSH_PENDING -> "Denied: another push is still waiting for your answer.";
            case PASSCODES_SENT -> "Denied for now: new passcodes were sent to your phone; log in again with one of them.";
            case NO_CAPABLE_DEVICE -> "Denied: none of your devices can do that; type a passcode instead.";
            case PUSH_FAILED -> "Denied: the push could not be delivered to your device.";
            case PROVIDER_UNAVAILABLE -> "Denied: the MFA provider is unavailable (" + result.message() + ").";
            case RATE_LIMITED -> "Denied: the MFA provider is limiting how often it is called; try again in a minute.";
            case PROVIDER_ERROR -> "Denied: the MFA provider refused the request (" + result.message() + ").";
            case CONFIGURATION_ERROR -> "Denied: the MFA configuration cannot be used (" + result.message() + ").";
            case STORE_UNAVAILABLE -> "Denied: the MFA store is unavailable (" + result.message() + ").";
        };
    }
}
