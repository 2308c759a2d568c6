package dev.mfa4j.core;

import java.time.Duration;
import java.util.Objects;

/**
 * How many attempts a principal gets, and how pushes are limited. Applied by mfa-core before any
 * provider is called, with state in an {@link dev.mfa4j.api.spi.AttemptStore}.
 *
 * <ul>
 *   <li>After {@code maxFailures} consecutive failed verifications (wrong or replayed passcode,
 *       denied, fraud, unanswered push, provider lockout), verifications answer
 *       {@code TOO_MANY_ATTEMPTS} for {@code coolDown}, without calling the provider. Only a
 *       success resets the count; a new push or an SMS resend does not.</li>
 *   <li>A passcode accepted once is refused for {@code passcodeReuseWindow} if presented again
 *       for the same principal and configuration, without calling the provider; the caller sees an
 *       ordinary wrong passcode. Where the provider says its passcodes live longer
 *       ({@code MfaVerifier.passcodeLifetime()}, as TOTP does), it is refused for that long.</li>
 *   <li>Out-of-band challenges ({@code push}, {@code phone}, {@code sms} and the other provider
 *       keywords): at most one pending per principal ({@code PUSH_PENDING}), at most
 *       {@code maxPushes} per {@code pushWindow} since the last success ({@code TOO_MANY_PUSHES}).
 *       A challenge not answered within {@code pushTtl} ends as {@code TIMED_OUT}, and a later
 *       approval does not count.</li>
 * </ul>
 *
 * @param maxFailures 1 to 100; default 5
 * @param coolDown 1 second to 24 hours; default 15 minutes
 * @param maxPushes 1 to 100; default 3
 * @param pushWindow 1 second to 24 hours; default 5 minutes
 * @param pushTtl 1 second to 10 minutes; default 5 minutes
 * @param passcodeReuseWindow 1 minute to 24 hours; default 10 minutes
 * @since 0.1.0
 */
public record AttemptPolicy(int maxFailures, Duration coolDown, int maxPushes, Duration pushWindow, Duration pushTtl,
        Duration passcodeReuseWindow) {

    /** The most failures any policy allows, after NIST SP 800-63B's cap. */
    public static final int MAX_FAILURES_LIMIT = 100;
    /** The longest a push may stay pending, after NIST SP 800-63B's 10 minutes for out-of-band authentication. */
    public static final Duration PUSH_TTL_LIMIT = Duration.ofMinutes(10);

    /**
     * @param maxFailures 1 to 100; default 5
     * @param coolDown 1 second to 24 hours; default 15 minutes
     * @param maxPushes 1 to 100; default 3
     * @param pushWindow 1 second to 24 hours; default 5 minutes
     * @param pushTtl 1 second to 10 minutes; default 5 minutes
     * @param passcodeReuseWindow 1 minute to 24 hours; default 10 minutes
     * @throws NullPointerException if a component is null
     * @throws IllegalArgumentException if a component is out of its range
     */
    public AttemptPolicy {
        between("maxFailures", maxFailures, 1, MAX_FAILURES_LIMIT);
        between("maxPushes", maxPushes, 1, 100);
        between("coolDown", coolDown, Duration.ofSeconds(1), Duration.ofHours(24));
        between("pushWindow", pushWindow, Duration.ofSeconds(1), Duration.ofHours(24));
        between("pushTtl", pushTtl, Duration.ofSeconds(1), PUSH_TTL_LIMIT);
        between("passcodeReuseWindow", passcodeReuseWindow, Duration.ofMinutes(1), Duration.ofHours(24));
    }

    /** @return the defaults: 5 failures, 15 minutes, 3 pushes per 5 minutes, 5 minutes per push, 10 minutes of passcode memory */
    public static AttemptPolicy defaults() {
        return builder().build();
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    private static void between(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be from " + min + " to " + max + ", was " + value);
        }
    }

    private static void between(String name, Duration value, Duration min, Duration max) {
        Objects.requireNonNull(value, name);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be from " + min + " to " + max + ", was " + value);
        }
    }

    /** Builds an {@link AttemptPolicy}, starting from the defaults. */
    public static final class Builder {
        private int maxFailures = 5;
        private Duration coolDown = Duration.ofMinutes(15);
        private int maxPushes = 3;
        private Duration pushWindow = Duration.ofMinutes(5);
        private Duration pushTtl = Duration.ofMinutes(5);
        private Duration passcodeReuseWindow = Duration.ofMinutes(10);

        private Builder() {
        }

        /**
         * @param maxFailures consecutive failures before the lockout, 1 to 100
         * @return this builder
         */
        public Builder maxFailures(int maxFailures) {
            this.maxFailures = maxFailures;
            return this;
        }

        /**
         * @param coolDown how long the lockout lasts
         * @return this builder
         */
        public Builder coolDown(Duration coolDown) {
            this.coolDown = coolDown;
            return this;
        }

        /**
         * @param maxPushes out-of-band challenges per window
         * @param window the window
         * @return this builder
         */
        public Builder maxPushes(int maxPushes, Duration window) {
            this.maxPushes = maxPushes;
            this.pushWindow = window;
            return this;
        }

        /**
         * @param pushTtl how long a push may wait for its answer, at most 10 minutes
         * @return this builder
         */
        public Builder pushTtl(Duration pushTtl) {
            this.pushTtl = pushTtl;
            return this;
        }

        /**
         * @param window how long an accepted passcode is remembered and refused
         * @return this builder
         */
        public Builder passcodeReuseWindow(Duration window) {
            this.passcodeReuseWindow = window;
            return this;
        }

        /**
         * @return the policy
         * @throws IllegalArgumentException if a value is out of range
         */
        public AttemptPolicy build() {
            return new AttemptPolicy(maxFailures, coolDown, maxPushes, pushWindow, pushTtl, passcodeReuseWindow);
        }
    }
}
