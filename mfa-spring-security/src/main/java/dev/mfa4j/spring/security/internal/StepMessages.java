package dev.mfa4j.spring.security.internal;

import dev.mfa4j.api.Reason;
import java.time.Duration;
import java.util.Locale;

/**
 * What the step page says about a result, in the user's words. The user has already passed the
 * first factor, so the page may say why; it never repeats what was typed.
 */
final class StepMessages {

    private StepMessages() {
    }

    /** The state a status request reports, in the JSON and the page. */
    static String state(Reason reason) {
        return switch (reason) {
            case APPROVED, PROVIDER_BYPASS, FAIL_OPEN_BYPASS -> "approved";
            case DENIED, FRAUD_REPORTED, INVALID_PASSCODE -> "denied";
            case TIMED_OUT -> "timed_out";
            case TOO_MANY_ATTEMPTS, LOCKED_OUT -> "locked_out";
            default -> "failed";
        };
    }

    static String describe(Reason reason) {
        return switch (reason) {
            case APPROVED, PROVIDER_BYPASS, FAIL_OPEN_BYPASS -> "Verified.";
            case INVALID_PASSCODE -> "That passcode is not right.";
            case DENIED -> "The request was denied.";
            case FRAUD_REPORTED -> "The request was reported as fraud on your device, and denied.";
            case TIMED_OUT -> "The push was not answered in time.";
            case LOCKED_OUT -> "Your account is locked at the MFA provider.";
            case TOO_MANY_ATTEMPTS -> "Too many failed attempts.";
            case TOO_MANY_PUSHES -> "Too many pushes in a short time: wait a few minutes, or type a passcode.";
            case PUSH_PENDING -> "A push is already waiting for your answer.";
            case PASSCODES_SENT -> "New passcodes were sent to your phone: type one of them.";
            case NO_CAPABLE_DEVICE -> "None of your devices can do that: type a passcode instead.";
            case PUSH_FAILED -> "The push could not be delivered to your device.";
            case ENROLLMENT_REQUIRED -> "You have no MFA device enrolled yet: ask your administrator.";
            case RATE_LIMITED -> "The MFA provider is busy: try again in a minute.";
            case NOT_CONFIGURED, CONFIGURATION_ERROR, STORE_UNAVAILABLE, PROVIDER_UNAVAILABLE, PROVIDER_ERROR ->
                    "The second factor cannot be checked right now. Try again later, or ask your administrator.";
        };
    }

    static String attemptsLeft(int left) {
        return left == 1 ? "1 attempt left." : left + " attempts left.";
    }

    /** "14 min 5 s", "40 s". */
    static String duration(Duration left) {
        long seconds = Math.max(0, (left.toMillis() + 999) / 1000);
        long minutes = seconds / 60;
        long rest = seconds % 60;
        if (minutes == 0) {
            return rest + " s";
        }
        return rest == 0 ? minutes + " min" : String.format(Locale.ROOT, "%d min %d s", minutes, rest);
    }
}
