package dev.mfa4j.testkit.duo;

import java.time.Duration;
import java.util.Objects;

/**
 * What the simulated person does with a push (or a phone call): approve, deny, report fraud,
 * let it time out, each at once or after a delay on the simulator's
 * {@link DuoSimulator.Builder#ticker ticker}, or nothing at all so that the test decides with
 * {@link DuoSimulator#approve(String)} and friends. Script it per user with
 * {@link DuoSimulator#scriptPushes(String, PushBehaviour)} or for the next push only with
 * {@link DuoSimulator#scriptNextPush(String, PushBehaviour)}. Immutable and thread-safe.
 *
 * <p>For a Verified Push, {@link Approve} types the right code, as a person would: only once the
 * login page could show it (the simulator's first {@code auth_status} answer carried it), and
 * {@code delay} after that; a Verified Push nobody polls is never approved. Use
 * {@link DuoSimulator#approve(String, String)} to type a chosen code.
 *
 * @since 0.1.0
 */
public sealed interface PushBehaviour {

    /**
     * Approve after {@code delay}: the transaction ends {@code allow}/{@code allow}. For a
     * Verified Push the delay counts from the moment the code was shown (see above).
     *
     * @param delay how long the simulated person waits before answering
     * @return a behaviour that approves after {@code delay}
     */
    static Approve approveAfter(Duration delay) {
        return new Approve(delay);
    }

    /**
     * Approve at once.
     *
     * @return a behaviour that approves at once
     */
    static Approve approve() {
        return new Approve(Duration.ZERO);
    }

    /**
     * Deny at once: {@code deny}/{@code deny}.
     *
     * @return a behaviour that denies at once
     */
    static Deny deny() {
        return new Deny(Duration.ZERO);
    }

    /**
     * Deny after {@code delay}.
     *
     * @param delay how long the simulated person waits before answering
     * @return a behaviour that denies after {@code delay}
     */
    static Deny denyAfter(Duration delay) {
        return new Deny(delay);
    }

    /**
     * Report the push as fraudulent at once: {@code deny}/{@code fraud}.
     *
     * @return a behaviour that reports fraud at once
     */
    static Fraud fraud() {
        return new Fraud(Duration.ZERO);
    }

    /**
     * Report fraud after {@code delay}.
     *
     * @param delay how long the simulated person waits before answering
     * @return a behaviour that reports fraud after {@code delay}
     */
    static Fraud fraudAfter(Duration delay) {
        return new Fraud(delay);
    }

    /**
     * Ignore the push until it expires: {@code deny}/{@code timeout}, at once, as though the
     * simulator's push timeout had passed. To see a real expiry, use {@link #pending()} and move
     * the simulator's {@link DuoSimulator.Builder#ticker ticker} past its
     * {@link DuoSimulator.Builder#pushTimeout(Duration) push timeout}.
     *
     * @return a behaviour that lets the push time out at once
     */
    static TimeOut timeout() {
        return new TimeOut(Duration.ZERO);
    }

    /**
     * Time out after {@code delay}.
     *
     * @param delay how long the simulated person waits before answering
     * @return a behaviour that lets the push time out after {@code delay}
     */
    static TimeOut timeoutAfter(Duration delay) {
        return new TimeOut(delay);
    }

    /**
     * The push cannot be delivered to the device: {@code deny}/{@code push_failed} at once.
     *
     * @return a behaviour whose push fails at once
     */
    static PushFailed pushFailed() {
        return new PushFailed();
    }

    /**
     * Do nothing: the push waits ({@code waiting}/{@code pushed}) until the test approves or
     * denies it by txid, or until the simulator's push timeout passes.
     *
     * @return a behaviour that waits for the test
     */
    static Pending pending() {
        return new Pending();
    }

    /** Approves after {@code delay}. */
    record Approve(Duration delay) implements PushBehaviour {
        /**
         * @param delay how long the simulated person waits before answering
         * @throws IllegalArgumentException if the delay is negative
         */
        public Approve {
            delay = checked(delay);
        }
    }

    /** Denies after {@code delay}. */
    record Deny(Duration delay) implements PushBehaviour {
        /**
         * @param delay how long the simulated person waits before answering
         * @throws IllegalArgumentException if the delay is negative
         */
        public Deny {
            delay = checked(delay);
        }
    }

    /** Reports fraud after {@code delay}. */
    record Fraud(Duration delay) implements PushBehaviour {
        /**
         * @param delay how long the simulated person waits before answering
         * @throws IllegalArgumentException if the delay is negative
         */
        public Fraud {
            delay = checked(delay);
        }
    }

    /** Times out after {@code delay}. */
    record TimeOut(Duration delay) implements PushBehaviour {
        /**
         * @param delay how long the simulated person waits before answering
         * @throws IllegalArgumentException if the delay is negative
         */
        public TimeOut {
            delay = checked(delay);
        }
    }

    /** Fails to reach the device. */
    record PushFailed() implements PushBehaviour {
    }

    /** Waits for the test. */
    record Pending() implements PushBehaviour {
    }

    private static Duration checked(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative: " + delay);
        }
        return delay;
    }
}
