package dev.mfa4j.testkit.duo.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A transaction's state as {@code auth_status} (and synchronous {@code /auth}) report it:
 * {@code result} ({@code waiting}, {@code allow}, {@code deny}), {@code status} and
 * {@code status_msg}. Immutable.
 */
public record TxState(String result, String status, String statusMsg) {

    /** Whether no further change can come. */
    public boolean isFinal() {
        return !result.equals("waiting");
    }

    /** The {@code response} object Duo sends for it. */
    public Map<String, Object> toResponse() {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("result", result);
        response.put("status", status);
        response.put("status_msg", statusMsg);
        return response;
    }

    static TxState allow() {
        return new TxState("allow", "allow", "Success. Logging you in...");
    }

    static TxState bypass() {
        return new TxState("allow", "bypass", "Allowing bypass user. Logging you in...");
    }

    static TxState deny() {
        return new TxState("deny", "deny", "Login request denied.");
    }

    static TxState fraud() {
        return new TxState("deny", "fraud", "Login request reported as fraudulent.");
    }

    static TxState timeout() {
        return new TxState("deny", "timeout", "Login timed out.");
    }

    static TxState pushFailed() {
        return new TxState("deny", "push_failed", "Push notification could not be delivered.");
    }

    static TxState lockedOut() {
        return new TxState("deny", "locked_out", "Your account is locked out.");
    }

    static TxState wrongPasscode() {
        return new TxState("deny", "deny", "Incorrect passcode. Please try again.");
    }

    static TxState smsSent() {
        return new TxState("deny", "sent", "New SMS passcodes sent.");
    }
}
