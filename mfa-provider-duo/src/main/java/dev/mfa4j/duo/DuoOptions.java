package dev.mfa4j.duo;

/**
 * The option names of a {@code duo} configuration, as written in configurations. What each means,
 * its form and its default: {@code docs/providers/duo.md}, or {@link DuoProvider#options()}.
 *
 * @since 0.1.0
 */
public final class DuoOptions {

    /** Required: the API host name, such as {@code api-3945ef22.duosecurity.com}, optionally with {@code :port}. */
    public static final String HOST = "Host";
    /** Required: the integration key, {@code DI} then 18 upper-case letters or digits. */
    public static final String INTEGRATION_KEY = "IntegrationKey";
    /** Required, secret: the integration's secret key, 40 letters or digits. */
    public static final String SECRET_KEY = "SecretKey";
    /** Whether the provider user id is Duo's {@code user_id} (default) or a {@code username}. */
    public static final String USER_IDENTIFIER = "UserIdentifier";
    /** The request signature version: {@code 5} (default) or {@code 2}. */
    public static final String SIGNATURE_VERSION = "SignatureVersion";
    /** The HMAC of a version 2 signature: {@code HmacSHA512} (default) or {@code HmacSHA1}. */
    public static final String SIGNATURE_ALGORITHM = "SignatureAlgorithm";
    /** Connect and read timeout of each ordinary call (default {@code 10s}). */
    public static final String REQUEST_TIMEOUT = "RequestTimeout";
    /** Overall deadline of a push or phone call (default {@code 75s}, at most {@code 5m}). */
    public static final String PUSH_TIMEOUT = "PushTimeout";
    /** Most total time spent waiting to retry after Duo's rate limit (default {@code 10s}; {@code 0s} disables retries). */
    public static final String RETRY_BUDGET = "RetryBudget";
    /** PEM certificates that replace the bundled Duo root CAs. */
    public static final String CA_CERTIFICATES = "CaCertificates";
    /** An HTTP proxy, {@code http://host:port}, reached with CONNECT. */
    public static final String PROXY = "Proxy";
    /** The label Duo Mobile shows for a push, such as {@code Login request}. */
    public static final String PUSH_TYPE = "PushType";
    /** URL-encoded {@code key=value&...} pairs Duo Mobile shows with a push. */
    public static final String PUSH_INFO = "PushInfo";
    /** {@code on} to ask for Duo Verified Push and report the code the login page must show (default {@code off}). */
    public static final String VERIFIED_PUSH = "VerifiedPush";

    private DuoOptions() {
    }
}
