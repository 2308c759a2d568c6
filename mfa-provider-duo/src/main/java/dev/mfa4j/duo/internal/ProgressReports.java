package dev.mfa4j.duo.internal;

import dev.mfa4j.api.ProgressListener;
import dev.mfa4j.api.VerificationProgress;
import dev.mfa4j.api.spi.VerificationRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells the login page how a push or call is going, through the request's listener. */
final class ProgressReports {

    private static final Logger LOG = LoggerFactory.getLogger(ProgressReports.class);

    private ProgressReports() {
    }

    /**
     * @param request the verification whose listener to tell
     * @param progress what happened; a listener that throws is logged and otherwise ignored, so
     *     the host's page cannot break the verification
     */
    static void send(VerificationRequest request, VerificationProgress progress) {
        ProgressListener listener = request.context().progressListener();
        try {
            listener.onProgress(progress);
        } catch (RuntimeException e) {
            LOG.warn("MFA-DUO-022 a progress listener threw {}; ignored", e.getClass().getName());
        }
    }
}
