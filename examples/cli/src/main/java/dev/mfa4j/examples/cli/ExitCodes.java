package dev.mfa4j.examples.cli;

import dev.mfa4j.api.VerificationResult;

/** The exit codes of {@code mfa}, one meaning each. */
public final class ExitCodes {

    /** Done, or the login is allowed. */
    public static final int OK = 0;
    /** The login is denied. */
    public static final int DENIED = 1;
    /** Bad usage or bad input: an unknown flag, a missing or malformed file, an unknown configuration... */
    public static final int BAD_INPUT = 2;
    /**
     * The provider (or the store) could not be reached or refused to act for now (a rate limit),
     * so the login was not allowed; also a command that failed in a way no input explains (see
     * {@code --verbose}).
     */
    public static final int UNAVAILABLE = 3;

    private ExitCodes() {
    }

    /**
     * @param result how a login ended
     * @return its exit code
     */
    public static int of(VerificationResult result) {
        if (result.allowed()) {
            return OK;
        }
        return switch (result.reason()) {
            case PROVIDER_UNAVAILABLE, RATE_LIMITED, STORE_UNAVAILABLE -> UNAVAILABLE;
            default -> DENIED;
        };
    }
}
