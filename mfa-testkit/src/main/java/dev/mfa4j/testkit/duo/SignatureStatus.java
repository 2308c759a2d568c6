package dev.mfa4j.testkit.duo;

/**
 * What the simulator concluded about a request's credentials, and the Duo error it answers with
 * when the request is refused.
 *
 * @since 0.1.0
 */
public enum SignatureStatus {
    /** The endpoint is unsigned ({@code /auth/v2/ping}); no credentials were checked. */
    NOT_REQUIRED(0),
    /** The signature matched a registered integration and the date was within the allowed skew. */
    VERIFIED(0),
    /** No usable {@code Authorization: Basic} header: Duo's 40101. */
    MISSING_CREDENTIALS(40101),
    /** The integration key is not registered: Duo's 40102. */
    UNKNOWN_INTEGRATION(40102),
    /** The signature does not match anything the integration could have signed: Duo's 40103. */
    INVALID_SIGNATURE(40103),
    /** The signature matched but the signed date is unreadable or too far from the clock: 40105. */
    BAD_TIMESTAMP(40105);

    private final int duoCode;

    SignatureStatus(int duoCode) {
        this.duoCode = duoCode;
    }

    /**
     * {@return the Duo error code this status is answered with, or 0 when the request goes on}
     */
    public int duoCode() {
        return duoCode;
    }

    /**
     * {@return whether the request was let through to the endpoint}
     */
    public boolean accepted() {
        return duoCode == 0;
    }
}
