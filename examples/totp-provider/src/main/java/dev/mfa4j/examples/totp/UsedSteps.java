package dev.mfa4j.examples.totp;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Replay refusal inside the provider: the last time step at which each user, in each
 * configuration, had a code accepted. A code is accepted only for a step later than that, so a
 * code, or any earlier one still inside the skew window, works once (RFC 6238 section 5.2: "the
 * verifier MUST NOT accept the second attempt of the OTP after the successful validation has been
 * issued for the first OTP").
 *
 * <p>mfa-core refuses a reused passcode too; this is defence in depth, and covers a host that runs
 * the plugin without mfa-core's policy.
 *
 * <p>Why it lives in the provider and not in a verifier: a configuration update (which is how a
 * user is enrolled, since secrets are an option) opens a new verifier; the record of used steps
 * must survive that. It is keyed by configuration name, and held in memory by one provider
 * instance: several nodes, or a restart, each start with no record; mfa-core's attempt store is
 * what can be shared. Entries are dropped once their step is older than any step the widest skew
 * window can still accept, so memory holds only users who logged in within the last few steps.
 * A clock stepped back by more than that window could let a pruned step be accepted again.
 *
 * <p>Thread safe: each claim is one atomic {@link ConcurrentHashMap#compute}, so of two concurrent
 * verifications of one code, one is accepted.
 */
final class UsedSteps {

    private record Key(String configuration, String user) {
    }

    private final ConcurrentHashMap<Key, Long> lastAccepted = new ConcurrentHashMap<>();
    private final AtomicLong prunedAt = new AtomicLong(Long.MIN_VALUE);

    /**
     * Records that a code for {@code step} was accepted, if no code of that step or a later one was
     * accepted before for the same user and configuration.
     *
     * @param configuration the configuration name
     * @param user the provider user id
     * @param step the time step of the matching code
     * @param currentStep the time step now, for pruning
     * @return whether the step was claimed; false means a replay, to refuse
     * @throws NullPointerException if a name is null
     */
    boolean claim(String configuration, String user, long step, long currentStep) {
        Key key = new Key(Objects.requireNonNull(configuration, "configuration"), Objects.requireNonNull(user, "user"));
        prune(currentStep);
        boolean[] claimed = {false};
        lastAccepted.compute(key, (k, last) -> {
            if (last != null && step <= last) {
                return last;
            }
            claimed[0] = true;
            return step;
        });
        return claimed[0];
    }

    /** @return how many (configuration, user) records are held */
    int size() {
        return lastAccepted.size();
    }

    /** At most once per time step: forget records no acceptable code can be at or below. */
    private void prune(long currentStep) {
        long previous = prunedAt.get();
        if (currentStep > previous && prunedAt.compareAndSet(previous, currentStep)) {
            long oldestAcceptable = currentStep - TotpProvider.MAX_SKEW;
            // removeIf on a ConcurrentHashMap view removes an entry only if it still holds the value tested.
            lastAccepted.values().removeIf(last -> last < oldestAcceptable);
        }
    }

    @Override
    public String toString() {
        return "UsedSteps[" + lastAccepted.size() + " records]";
    }
}
