package dev.mfa4j.duo.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.spi.VerificationOutcome;

/**
 * Reads the {@code result} and {@code status} of {@code /auth} and {@code /auth_status}.
 *
 * <p>The decision rests on {@code result}: only {@code allow} can let the user in, and only with
 * the status {@code allow} (approved) or {@code bypass} (Duo's bypass). {@code deny} is always a
 * rejection, the status saying which kind. An unknown or missing result, or an {@code allow} whose
 * status says otherwise, is a provider error: never an approval.
 */
final class AuthAnswers {

    private AuthAnswers() {
    }

    /**
     * @param response the {@code response} member
     * @param factor the factor asked for, which decides what a plain {@code deny} means
     * @param waitingAllowed whether {@code waiting} is expected ({@code /auth_status}), or a
     *     contradiction (a synchronous {@code /auth})
     * @param secret a value to keep out of messages (the passcode), or null
     * @return the decision
     */
    static AuthDecision decide(JsonNode response, Factor factor, boolean waitingAllowed, String secret) {
        if (response == null || !response.isObject()) {
            return fin(VerificationOutcome.error("Duo's auth answer is not an object", null));
        }
        String result = textOf(response, "result");
        String status = textOf(response, "status");
        String message = Texts.without(Texts.clean(textOf(response, "status_msg")), secret);
        String said = "Duo: result " + shown(result) + ", status " + shown(status) + (message.isEmpty() ? "" : " (" + message + ")");
        switch (result) {
            case "allow":
                if (status.equals("allow")) {
                    return fin(VerificationOutcome.approved(said));
                }
                if (status.equals("bypass")) {
                    return fin(VerificationOutcome.bypassed(said));
                }
                return fin(VerificationOutcome.error("contradictory answer, refused: " + said, null));
            case "deny":
                return fin(VerificationOutcome.rejected(denyReason(status, factor), said));
            case "waiting":
                if (waitingAllowed) {
                    return new AuthDecision.Waiting(status, message);
                }
                return fin(VerificationOutcome.error("unexpected waiting answer to a synchronous call, refused: " + said, null));
            default:
                return fin(VerificationOutcome.error("unknown result, refused: " + said, null));
        }
    }

    /**
     * @param status Duo's status of a {@code deny}
     * @param factor the factor asked for
     * @return the rejection reason; {@link Reason#DENIED} for a status we do not know
     */
    static Reason denyReason(String status, Factor factor) {
        return switch (status) {
            case "fraud" -> Reason.FRAUD_REPORTED;
            case "timeout" -> Reason.TIMED_OUT;
            case "locked_out" -> Reason.LOCKED_OUT;
            case "push_failed" -> Reason.PUSH_FAILED;
            case "sent" -> Reason.PASSCODES_SENT;
            case "deny" -> factor == Factor.PASSCODE ? Reason.INVALID_PASSCODE : Reason.DENIED;
            default -> Reason.DENIED;
        };
    }

    static String textOf(JsonNode object, String field) {
        JsonNode node = object.get(field);
        return node != null && node.isTextual() ? node.textValue() : "";
    }

    private static String shown(String value) {
        return value.isEmpty() ? "(none)" : Texts.clean(value);
    }

    private static AuthDecision fin(VerificationOutcome outcome) {
        return new AuthDecision.Final(outcome);
    }
}
