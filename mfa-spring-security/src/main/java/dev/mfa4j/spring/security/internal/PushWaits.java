package dev.mfa4j.spring.security.internal;

import dev.mfa4j.api.PrincipalId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pushes started from the step on this node, by id; a session holds the id of its own. The
 * future of a push lives in this JVM, so several nodes need sticky sessions for the step's pages.
 * Ended attempts are forgotten after {@link #KEEP_ENDED}, unanswered ones after their time to live
 * and the same again; tidying runs on starts, at most once a minute by the given clock (so a test
 * that moves the clock also moves the tidying), and holds no thread.
 */
public final class PushWaits {

    /** How long an ended push stays readable by its page. */
    static final Duration KEEP_ENDED = Duration.ofMinutes(5);
    private static final long TIDY_EVERY_MILLIS = Duration.ofMinutes(1).toMillis();

    private final Map<String, PushAttempt> attempts = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration pushTtl;
    private final AtomicLong lastTidy;

    /**
     * @param clock the time source
     * @param pushTtl how long a push may wait for its answer
     */
    public PushWaits(Clock clock, Duration pushTtl) {
        this.clock = clock;
        this.pushTtl = pushTtl;
        this.lastTidy = new AtomicLong(clock.millis());
    }

    /**
     * @param ownerName the authenticated user's name
     * @param principal the principal verified
     * @return a new attempt, registered
     */
    public PushAttempt start(String ownerName, PrincipalId principal) {
        tidy();
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        PushAttempt attempt = new PushAttempt(HexFormat.of().formatHex(bytes), ownerName, principal, clock.instant());
        attempts.put(attempt.id(), attempt);
        return attempt;
    }

    /**
     * @param id an attempt id, or null
     * @return the attempt, if it is still known
     */
    public Optional<PushAttempt> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(attempts.get(id));
    }

    /** @param attempt an attempt whose page is done with it */
    public void forget(PushAttempt attempt) {
        attempts.remove(attempt.id(), attempt);
    }

    /** @return how many attempts are known (ended ones included, until tidied) */
    public int size() {
        return attempts.size();
    }

    /** @return the time to live of a push */
    public Duration pushTtl() {
        return pushTtl;
    }

    private void tidy() {
        long last = lastTidy.get();
        Instant instant = clock.instant();
        long now = instant.toEpochMilli();
        if (now - last < TIDY_EVERY_MILLIS || !lastTidy.compareAndSet(last, now)) {
            return;
        }
        attempts.values().removeIf(attempt -> attempt.endedAt()
                .map(ended -> ended.plus(KEEP_ENDED).isBefore(instant))
                .orElseGet(() -> attempt.startedAt().plus(pushTtl).plus(pushTtl).isBefore(instant)));
    }
}
