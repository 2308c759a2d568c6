package dev.mfa4j.duo.internal;

/**
 * Duo's answers that the WireMock tests give, as the {@code response} member of Duo's envelope
 * ({@link DuoStub#ok(String)} wraps them), written the way Duo writes them.
 */
final class Answers {

    /** A final approval, from {@code /auth} or {@code /auth_status}. */
    static final String ALLOW = """
            {"result": "allow", "status": "allow"}""";

    /** A final approval with Duo's message. */
    static final String ALLOW_LOGGING_IN = """
            {"result": "allow", "status": "allow", "status_msg": "Success. Logging you in..."}""";

    /** A denial, from {@code /auth} or {@code /auth_status}. */
    static final String DENY = """
            {"result": "deny", "status": "deny"}""";

    /** A push still waiting for the user, without a message. */
    static final String WAITING = """
            {"result": "waiting", "status": "pushed"}""";

    private Answers() {
    }

    /** @return the answer to an async {@code /auth}: the transaction id, nothing else */
    static String txid(String txid) {
        return """
                {"txid": "%s"}""".formatted(txid);
    }

    /** @return the answer to {@code /ping} or {@code /check}: Duo's clock, in seconds */
    static String time(long epochSecond) {
        return """
                {"time": %d}""".formatted(epochSecond);
    }

    /** @return the answer to {@code /ping} or {@code /check} with this host's clock */
    static String timeNow() {
        return time(System.currentTimeMillis() / 1000);
    }
}
