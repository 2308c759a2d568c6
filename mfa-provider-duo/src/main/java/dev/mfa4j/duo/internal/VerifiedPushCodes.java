package dev.mfa4j.duo.internal;

import dev.mfa4j.api.VerificationProgress;
import dev.mfa4j.api.spi.VerificationRequest;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Verified Push code of one push: Duo puts it in a status message ("Please enter verification
 * code 708 into Duo Mobile"), which may come with preauth, with the async {@code /auth} or with any
 * {@code auth_status} answer. Each code found is reported to the login page once. Thread safe.
 */
final class VerifiedPushCodes {

    private static final Pattern VERIFICATION_CODE = Pattern.compile("(?i)verification code[:\\s]+(\\d{2,10})\\b");

    private final VerificationRequest request;
    private final boolean enabled;
    private final AtomicReference<String> lastReported = new AtomicReference<>();

    /**
     * @param request the verification whose listener is told
     * @param enabled whether the configuration asks for Verified Push; if not, nothing is reported
     */
    VerifiedPushCodes(VerificationRequest request, boolean enabled) {
        this.request = request;
        this.enabled = enabled;
    }

    /** @param statusMessage a status message from Duo, cleaned; a code in it not yet reported is reported */
    void reportFrom(String statusMessage) {
        if (!enabled) {
            return;
        }
        Matcher m = VERIFICATION_CODE.matcher(statusMessage);
        if (m.find()) {
            String code = m.group(1);
            String previous = lastReported.getAndSet(code);
            if (!code.equals(previous)) {
                ProgressReports.send(request, new VerificationProgress.VerificationCode(code));
            }
        }
    }
}
