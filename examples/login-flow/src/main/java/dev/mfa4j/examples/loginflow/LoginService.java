package dev.mfa4j.examples.loginflow;

import dev.mfa4j.api.InvalidInputException;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.VerificationContext;
import dev.mfa4j.core.MfaService;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The host's login: the password first, then, for users who have MFA, the second factor through
 * mfa4j. mfa4j is asked only after the password is right, so a guessed password never sends a
 * push to the real user's phone, and a wrong one never costs a Duo call.
 *
 * <p>Thread safe.
 */
public final class LoginService {

    /** The identity provider of this host's users in mfa4j's principal paths: {@code principal/internal/user/<name>}. */
    public static final String IDENTITY_PROVIDER = "internal";

    private final UserDirectory users;
    private final MfaService mfa;

    /**
     * @param users the host's users and password hashes
     * @param mfa the MFA service
     */
    public LoginService(UserDirectory users, MfaService mfa) {
        this.users = Objects.requireNonNull(users, "users");
        this.mfa = Objects.requireNonNull(mfa, "mfa");
    }

    /**
     * Logs a user in. The password is checked on the calling thread; the second factor is
     * verified asynchronously, so a push that waits for the user's phone holds no thread.
     *
     * @param username who logs in
     * @param password what they typed as password; not kept
     * @param mfaAnswer a passcode or {@code push}; null when not asked for yet
     * @param context the client's IP address and a request id, for Duo's policies and the audit log
     * @return how the login ended; completes when the second factor is answered
     */
    public CompletableFuture<LoginOutcome> login(String username, char[] password, String mfaAnswer, VerificationContext context) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(context, "context");
        if (!users.checkPassword(username, password)) {
            return CompletableFuture.completedFuture(LoginOutcome.refusedBeforeMfa());
        }
        // The directory accepts only names that make valid principal paths.
        PrincipalId principal = PrincipalId.user(IDENTITY_PROVIDER, username);
        if (!mfa.requiresMfa(principal)) {
            // This host lets users without MFA in on their password, as Secrets Safe-style vaults do.
            return CompletableFuture.completedFuture(new LoginOutcome(LoginOutcome.Status.LOGGED_IN, Optional.empty()));
        }
        if (mfaAnswer == null || mfaAnswer.isBlank()) {
            return CompletableFuture.completedFuture(new LoginOutcome(LoginOutcome.Status.MFA_REQUIRED, Optional.empty()));
        }
        try {
            return mfa.verifyAsync(principal, mfaAnswer.strip(), context).thenApply(result -> new LoginOutcome(
                    result.allowed() ? LoginOutcome.Status.LOGGED_IN : LoginOutcome.Status.REFUSED, Optional.of(result.reason())));
        } catch (InvalidInputException e) {
            // Neither a passcode nor a keyword: nothing was sent; ask again.
            return CompletableFuture.completedFuture(new LoginOutcome(LoginOutcome.Status.MFA_REQUIRED, Optional.empty()));
        }
    }
}
