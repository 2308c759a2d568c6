package dev.mfa4j.duo.internal;

import dev.mfa4j.api.Reason;
import dev.mfa4j.api.spi.VerificationOutcome;
import dev.mfa4j.api.spi.VerificationRequest;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A passcode: one {@code POST /auth} with {@code factor=passcode}, sent once (plus retries of a
 * 429, which Duo refused before acting on it), since a passcode that may have reached Duo must
 * never be sent twice. Thread safe.
 */
final class PasscodeFlow {

    private final DuoCalls calls;

    /** @param calls the configuration's calls */
    PasscodeFlow(DuoCalls calls) {
        this.calls = Objects.requireNonNull(calls, "calls");
    }

    /**
     * @param request the verification
     * @param digits the passcode typed
     * @return Duo's verdict; never fails
     */
    CompletableFuture<VerificationOutcome> verify(VerificationRequest request, String digits) {
        // The API type guarantees digits; check again, since nothing else may reach Duo.
        if (!isDigits(digits)) {
            return CompletableFuture.completedFuture(
                    VerificationOutcome.rejected(Reason.INVALID_PASSCODE, "a passcode has only digits; not sent to Duo"));
        }
        DuoParams params = calls.forUser(request).add("factor", "passcode").add("passcode", digits).build();
        return calls.send(DuoRequest.post("/auth/v2/auth", params)).thenApply(reply -> calls.finalAnswer(reply, Factor.PASSCODE, digits));
    }

    // A loop, not String.matches or a stream: this runs on every verification.
    private static boolean isDigits(String s) {
        if (s.isEmpty() || s.length() > 32) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
