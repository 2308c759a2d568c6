package dev.mfa4j.examples.cli;

import dev.mfa4j.api.ProgressListener;
import dev.mfa4j.api.VerificationProgress;
import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shows a push (or call) while it waits for the user. At a terminal, one line is rewritten every
 * second ("Waiting for approval on your device... 12s"); elsewhere (a pipe, a log, a test) each
 * thing is said once, on a line of its own. A Verified Push code, when the provider reports one,
 * gets a line of its own either way.
 *
 * <p>Progress arrives on the provider's threads and the seconds on a ticker thread, so every
 * method holds this object's lock.
 */
final class WaitingLine implements ProgressListener, AutoCloseable {

    private final PrintWriter out;
    private final boolean live;
    private String waitingText;
    private long startNanos;
    private int shownLength;
    private ScheduledExecutorService ticker;

    /**
     * @param out where to write
     * @param live whether to rewrite one line in place (a terminal)
     */
    WaitingLine(PrintWriter out, boolean live) {
        this.out = out;
        this.live = live;
    }

    @Override
    public synchronized void onProgress(VerificationProgress progress) {
        if (progress instanceof VerificationProgress.ChallengeSent sent && waitingText == null) {
            waitingText = "push".equals(sent.factor()) ? "Waiting for approval on your device..." : "Waiting for you to answer your phone...";
            startNanos = System.nanoTime();
            if (live) {
                showSeconds();
                ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "mfa-waiting-line");
                    thread.setDaemon(true);
                    return thread;
                });
                ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
            } else {
                out.println(waitingText);
                out.flush();
            }
        } else if (progress instanceof VerificationProgress.VerificationCode code) {
            String line = "Verified Push: enter " + code.code() + " in Duo Mobile to approve.";
            if (live) {
                rewrite(line);
                out.println();
                shownLength = 0;
                if (waitingText != null) {
                    showSeconds();
                }
            } else {
                out.println(line);
            }
            out.flush();
        }
    }

    private synchronized void tick() {
        if (waitingText != null && ticker != null) {
            showSeconds();
        }
    }

    private void showSeconds() {
        rewrite(waitingText + " " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - startNanos) + "s");
    }

    private void rewrite(String text) {
        out.print("\r" + text + " ".repeat(Math.max(0, shownLength - text.length())));
        shownLength = text.length();
        out.flush();
    }

    /** @return whether a push or call went out to the user's device */
    synchronized boolean challengeSent() {
        return waitingText != null;
    }

    /**
     * Stops the seconds and ends the live line, so that what follows starts on a line of its own.
     * Doing it again does nothing.
     */
    synchronized void end() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
            showSeconds();
        }
        if (live && shownLength > 0) {
            out.println();
            shownLength = 0;
        }
        out.flush();
    }

    /** {@link #end() Ends} the line, if that was not done yet. */
    @Override
    public void close() {
        end();
    }
}
