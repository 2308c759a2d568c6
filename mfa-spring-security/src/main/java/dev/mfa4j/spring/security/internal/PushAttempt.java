package dev.mfa4j.spring.security.internal;

import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.VerificationProgress;
import dev.mfa4j.api.VerificationResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One push started from the step, as its page follows it: progress reports and the result arrive
 * on the provider's threads; status requests read it and may wait for its next change. Holds no
 * thread: a waiting status request is a callback in {@link #watchers}.
 */
public final class PushAttempt {

    /**
     * What a status request sees.
     *
     * @param version grows with every change, so a request can ask for "anything after n"
     * @param result the result, once the push has ended
     * @param code the Verified Push code to show, if the provider gave one
     * @param startedAt when the push was asked for
     */
    public record Snapshot(int version, VerificationResult result, String code, Instant startedAt) {
        /** @return whether the push has ended */
        public boolean ended() {
            return result != null;
        }
    }

    private final String id;
    private final String ownerName;
    private final PrincipalId principal;
    private final Instant startedAt;
    private int version;
    private String code;
    private VerificationResult result;
    private Instant endedAt;
    private boolean consumed;
    private final List<Runnable> watchers = new ArrayList<>();

    PushAttempt(String id, String ownerName, PrincipalId principal, Instant startedAt) {
        this.id = id;
        this.ownerName = ownerName;
        this.principal = principal;
        this.startedAt = startedAt;
    }

    /** @return the attempt's id, random and unguessable */
    public String id() {
        return id;
    }

    /** @return the name of the authenticated user who started it */
    public String ownerName() {
        return ownerName;
    }

    /** @return the principal verified */
    public PrincipalId principal() {
        return principal;
    }

    /** @param progress a progress report from the provider */
    void progress(VerificationProgress progress) {
        List<Runnable> toRun;
        synchronized (this) {
            if (result != null) {
                return;
            }
            if (progress instanceof VerificationProgress.VerificationCode verificationCode) {
                code = verificationCode.code();
            } else if (!(progress instanceof VerificationProgress.ChallengeSent)) {
                return;  // "still waiting" changes nothing the page shows
            }
            version++;
            toRun = drain();
        }
        toRun.forEach(Runnable::run);
    }

    /**
     * @param verified how the push ended
     * @param now the time
     */
    void end(VerificationResult verified, Instant now) {
        List<Runnable> toRun;
        synchronized (this) {
            if (result != null) {
                return;
            }
            result = verified;
            endedAt = now;
            version++;
            toRun = drain();
        }
        toRun.forEach(Runnable::run);
    }

    /** @return the current state */
    public synchronized Snapshot snapshot() {
        return new Snapshot(version, result, code, startedAt);
    }

    /**
     * Calls {@code watcher} once, at the next change after version {@code after}.
     *
     * @param after the version the caller has seen
     * @param watcher what to run, on the thread that changes the attempt
     * @return false if the attempt has already changed since {@code after} (nothing registered:
     *     answer at once)
     */
    public synchronized boolean watch(int after, Runnable watcher) {
        if (version > after || result != null) {
            return false;
        }
        watchers.add(watcher);
        return true;
    }

    /** @param watcher a watcher that no longer needs calling (its request timed out) */
    public synchronized void unwatch(Runnable watcher) {
        watchers.remove(watcher);
    }

    /**
     * Takes the approval, once: a second finish of the same push, or a replayed request, gets false.
     *
     * @return whether the push ended allowed and this call is the first to take it
     */
    public synchronized boolean takeApproval() {
        if (result == null || !result.allowed() || consumed) {
            return false;
        }
        consumed = true;
        return true;
    }

    synchronized Optional<Instant> endedAt() {
        return Optional.ofNullable(endedAt);
    }

    Instant startedAt() {
        return startedAt;
    }

    private List<Runnable> drain() {
        List<Runnable> toRun = List.copyOf(watchers);
        watchers.clear();
        return toRun;
    }
}
