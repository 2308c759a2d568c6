package dev.mfa4j.examples.loginflow;

import dev.mfa4j.api.Reason;
import java.util.Objects;
import java.util.Optional;

/**
 * How a login attempt ended, for the host's login page and logs.
 *
 * @param status what the login page does next
 * @param mfaReason mfa4j's reason, when the second factor was checked; empty when the password was
 *     wrong (mfa4j was never asked) or the user has no MFA
 */
public record LoginOutcome(Status status, Optional<Reason> mfaReason) {

    /** What the login page does next. */
    public enum Status {
        /** Start the session. */
        LOGGED_IN,
        /** The password was right and the user has MFA: ask for a passcode or push, then call again. */
        MFA_REQUIRED,
        /** Show {@link LoginOutcome#GENERIC_REFUSAL}, whatever the cause. */
        REFUSED
    }

    /**
     * The one text the login page shows for every refusal, so that it tells nobody whether the
     * user exists, the password was wrong, or MFA said no (OWASP's "generic responses").
     */
    public static final String GENERIC_REFUSAL = "Login failed.";

    /** @throws NullPointerException if a component is null */
    public LoginOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(mfaReason, "mfaReason");
    }

    static LoginOutcome refusedBeforeMfa() {
        return new LoginOutcome(Status.REFUSED, Optional.empty());
    }

    /** @return whether to start the session */
    public boolean loggedIn() {
        return status == Status.LOGGED_IN;
    }
}
