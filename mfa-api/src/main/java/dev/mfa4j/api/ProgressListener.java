package dev.mfa4j.api;

/**
 * Receives progress of a long verification, such as a push: sent, still waiting, a code to show.
 *
 * <p>Called on a thread of the provider's HTTP client, possibly several times, in order, never
 * concurrently for one verification. Return quickly and do not block. An exception thrown here
 * is logged and otherwise ignored: it never changes the verification's result.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores every progress report. */
    ProgressListener NONE = progress -> { };

    /**
     * @param progress what happened; never null
     */
    void onProgress(VerificationProgress progress);
}
