package dev.mfa4j.duo.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.spi.VerificationOutcome;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads preauth's answer: {@code auth} (pick the device), {@code allow} (Duo's bypass),
 * {@code deny}, {@code enroll} (with the portal URL). Anything else is a provider error.
 */
final class PreauthAnswers {

    // Duo ids are upper-case letters and digits; we accept a little more, never anything that
    // could change the meaning of a request.
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private PreauthAnswers() {
    }

    /**
     * @param response preauth's {@code response}
     * @param choice the factor and which capable device
     * @return the decision
     */
    static PreauthDecision decide(JsonNode response, KeywordChoice choice) {
        if (response == null || !response.isObject()) {
            return done(VerificationOutcome.error("Duo's preauth answer is not an object", null));
        }
        String result = AuthAnswers.textOf(response, "result");
        String message = Texts.clean(AuthAnswers.textOf(response, "status_msg"));
        String said = "Duo preauth: " + (result.isEmpty() ? "(no result)" : Texts.clean(result))
                + (message.isEmpty() ? "" : " (" + message + ")");
        switch (result) {
            case "auth":
                return chooseDevice(response, choice, message, said);
            case "allow":
                return done(VerificationOutcome.bypassed(said));
            case "deny":
                return done(VerificationOutcome.rejected(Reason.DENIED, said));
            case "enroll":
                return done(new VerificationOutcome.Rejected(Reason.ENROLLMENT_REQUIRED, said,
                        enrollUrl(AuthAnswers.textOf(response, "enroll_portal_url"))));
            default:
                return done(VerificationOutcome.error("unknown preauth result, refused: " + said, null));
        }
    }

    private static PreauthDecision chooseDevice(JsonNode response, KeywordChoice choice, String message, String said) {
        JsonNode devices = response.get("devices");
        if (devices == null || !devices.isArray()) {
            return done(VerificationOutcome.error("Duo's preauth answer has result auth but no device list", null));
        }
        int seen = 0;
        for (JsonNode device : devices) {
            if (device.isObject() && hasCapability(device, choice.factor().capability())) {
                seen++;
                if (seen == choice.deviceNumber()) {
                    String id = AuthAnswers.textOf(device, "device");
                    if (!ID.matcher(id).matches()) {
                        return done(VerificationOutcome.error("Duo's preauth answer has a device without a usable id", null));
                    }
                    Optional<String> txid = Optional.of(AuthAnswers.textOf(response, "txid")).filter(t -> ID.matcher(t).matches());
                    return new PreauthDecision.Proceed(id, txid, message);
                }
            }
        }
        String wanted = choice.deviceNumber() == 1 ? "a device" : "a device number " + choice.deviceNumber();
        return done(VerificationOutcome.rejected(Reason.NO_CAPABLE_DEVICE,
                "the user has " + (seen == 0 ? "no" : "only " + seen) + " " + choice.factor().capability()
                        + "-capable device(s), not " + wanted + "; " + said));
    }

    private static boolean hasCapability(JsonNode device, String capability) {
        JsonNode capabilities = device.get("capabilities");
        if (capabilities == null || !capabilities.isArray()) {
            return false;
        }
        for (JsonNode c : capabilities) {
            if (c.isTextual() && c.textValue().equals(capability)) {
                return true;
            }
        }
        return false;
    }

    // Only an absolute https URL is passed on: the host may show it to the user as a link.
    private static Optional<URI> enrollUrl(String text) {
        if (text.isEmpty() || text.length() > 2048) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static PreauthDecision done(VerificationOutcome outcome) {
        return new PreauthDecision.Done(outcome);
    }
}
