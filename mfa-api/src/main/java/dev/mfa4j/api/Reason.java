package dev.mfa4j.api;

/**
 * Why a verification ended as it did. Hosts switch on it; they never need to parse a message.
 *
 * <p>Only {@link #APPROVED}, {@link #PROVIDER_BYPASS} and {@link #FAIL_OPEN_BYPASS} allow the
 * login. A host that shows end users a message should show one generic text for every reason
 * that does not allow the login, so that a caller cannot learn whether a principal exists, is
 * enrolled or is locked out.
 *
 * @since 0.1.0
 */
public enum Reason {
    /** The factor was verified: the passcode was right or the user approved the push. */
    APPROVED(true),
    /**
     * The provider let the user in without a challenge, by its own policy (Duo: preauth
     * {@code allow} or status {@code bypass}). Audit it: it is not a verified factor.
     */
    PROVIDER_BYPASS(true),
    /**
     * The provider could not be reached ({@link #PROVIDER_UNAVAILABLE}), and the configuration's
     * {@code FailMode} is {@code open}, so the login is let through unverified. Never used unless a
     * configuration asks for it, never for any other reason; always audited.
     */
    FAIL_OPEN_BYPASS(true),

    /** The principal has no MFA assignment. Fails closed; use {@code requiresMfa} to decide whether to prompt. */
    NOT_CONFIGURED(false),
    /** The user has no device enrolled at the provider; the result carries the enrollment URL when the provider gives one. */
    ENROLLMENT_REQUIRED(false),
    /** The passcode was wrong, expired, or already used. */
    INVALID_PASSCODE(false),
    /** The user or the provider's policy denied the login. */
    DENIED(false),
    /** The user reported the request as fraudulent. Treat as an attack on the account. */
    FRAUD_REPORTED(false),
    /** The user did not answer the push or call before it expired. */
    TIMED_OUT(false),
    /** The provider has locked the user out after too many failures. */
    LOCKED_OUT(false),
    /** mfa4j refused without calling the provider: too many failed attempts for this principal; wait for the cool-down. */
    TOO_MANY_ATTEMPTS(false),
    /** mfa4j refused without calling the provider: too many pushes for this principal in the current window. */
    TOO_MANY_PUSHES(false),
    /** mfa4j refused without calling the provider: a push for this principal is already waiting for an answer. */
    PUSH_PENDING(false),
    /** The provider sent new passcodes (for example by SMS): ask the user for one. */
    PASSCODES_SENT(false),
    /** The user has no device that can do the asked-for factor (for example no push-capable phone). */
    NO_CAPABLE_DEVICE(false),
    /** The push could not be delivered to the device. */
    PUSH_FAILED(false),
    /**
     * No answer could be had from the provider: a connection or DNS failure, a connection closed
     * before an answer, a timeout with no answer, or the provider's server error (HTTP 5xx). The
     * only reason a {@code FailMode} of {@code open} applies to, and then only while the service is
     * running (a verification cut short by {@code MfaService.close()} fails closed).
     */
    PROVIDER_UNAVAILABLE(false),
    /**
     * Too many calls: the provider answered and refused to act because of its rate limit (Duo: HTTP
     * 429, after the allowed retries), or the call was not sent because every connection the
     * provider may open was busy. Nothing was checked, so the attempt is not counted; fails closed
     * in every fail mode. Try again later.
     */
    RATE_LIMITED(false),
    /**
     * The provider refused the request itself, or its answer could not be trusted or understood:
     * bad credentials or keys, a forbidden call, a signature or TLS failure (certificate or host
     * name), a malformed answer, a provider bug. Fix the configuration; fail-open never applies.
     */
    PROVIDER_ERROR(false),
    /** The principal's configuration is missing, invalid, or names a provider type that is not installed. */
    CONFIGURATION_ERROR(false),
    /** The configuration store failed while looking up the principal or configuration. */
    STORE_UNAVAILABLE(false);

    private final boolean allowsLogin;

    Reason(boolean allowsLogin) {
        this.allowsLogin = allowsLogin;
    }

    /** @return whether a result with this reason lets the login proceed */
    public boolean allowsLogin() {
        return allowsLogin;
    }
}
