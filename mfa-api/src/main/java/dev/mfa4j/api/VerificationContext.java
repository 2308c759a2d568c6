package dev.mfa4j.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Facts about the login attempt that the host knows and a provider or audit log may use: the
 * client's IP address (Duo uses it for network policy), the application being logged into, a
 * request id to correlate logs and events, and a listener for progress of long factors.
 *
 * <pre>{@code
 * VerificationContext context = VerificationContext.builder()
 *         .clientIp("203.0.113.7")
 *         .applicationName("Vault UI")
 *         .progressListener(progress -> ui.show(progress))
 *         .build();
 * }</pre>
 *
 * @param clientIp the client's IP address as a literal (IPv4 or IPv6, never a host name); empty
 *     if unknown
 * @param applicationName the application being logged into, at most 256 characters without control
 *     characters; empty if not given
 * @param requestId an id to correlate logs and events: 1 to 128 of {@code A-Z a-z 0-9 . _ : -};
 *     unless given, a generated one in a UUID's form, never the same twice in a process
 * @param progressListener receives progress of long factors; {@link ProgressListener#NONE} unless
 *     given
 * @since 0.1.0
 */
public record VerificationContext(Optional<String> clientIp, Optional<String> applicationName, String requestId,
        ProgressListener progressListener) {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    /**
     * @param clientIp the client's IP address as a literal (IPv4 or IPv6, never a host name); empty
     *         if unknown
     * @param applicationName the application being logged into, at most 256 characters without control
     *         characters; empty if not given
     * @param requestId an id to correlate logs and events: 1 to 128 of {@code A-Z a-z 0-9 . _ : -};
     *         unless given, a generated one in a UUID's form, never the same twice in a process
     * @param progressListener receives progress of long factors; {@link ProgressListener#NONE} unless
     *         given
     * @throws NullPointerException if a component is null
     * @throws InvalidInputException naming the field if a value breaks the rules above
     */
    public VerificationContext {
        Objects.requireNonNull(clientIp, "clientIp");
        Objects.requireNonNull(applicationName, "applicationName");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(progressListener, "progressListener");
        clientIp.ifPresent(VerificationContext::checkIpLiteral);
        applicationName.ifPresent(name -> {
            if (name.isBlank() || name.length() > 256 || name.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidInputException("applicationName", "must be 1 to 256 characters without control characters");
            }
        });
        if (!isRequestId(requestId)) {
            throw new InvalidInputException("requestId", "must be 1 to 128 of A-Z a-z 0-9 . _ : -");
        }
    }

    /** @return a context with no client IP, no application name, a newly generated request id and no listener */
    public static VerificationContext empty() {
        return builder().build();
    }

    /** @return a builder for a context */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code [A-Za-z0-9._:-]{1,128}}, checked without a regex: it runs on every verification. */
    private static boolean isRequestId(String id) {
        int length = id.length();
        if (length < 1 || length > 128) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = id.charAt(i);
            boolean allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    private static void checkIpLiteral(String ip) {
        if (IPV4.matcher(ip).matches()) {
            return;
        }
        // Only strings with a ':' reach InetAddress, which then parses an IPv6 literal and never
        // looks a name up in DNS.
        if (ip.indexOf(':') >= 0 && IPV6_CHARACTERS.matcher(ip).matches()) {
            try {
                InetAddress.getByName(ip);
                return;
            } catch (UnknownHostException e) {
                // fall through to the error below
            }
        }
        throw new InvalidInputException("clientIp", "must be an IPv4 or IPv6 address literal, such as 203.0.113.7 or 2001:db8::7");
    }

    /** Builds a {@link VerificationContext}. Not thread safe; build once and share the result. */
    public static final class Builder {
        private String clientIp;
        private String applicationName;
        private String requestId;
        private ProgressListener progressListener = ProgressListener.NONE;

        private Builder() {
        }

        /**
         * @param clientIp the client's IP address literal, or null if unknown
         * @return this builder
         */
        public Builder clientIp(String clientIp) {
            this.clientIp = clientIp;
            return this;
        }

        /**
         * @param applicationName the application being logged into, or null
         * @return this builder
         */
        public Builder applicationName(String applicationName) {
            this.applicationName = applicationName;
            return this;
        }

        /**
         * @param requestId the id to correlate logs and events; null for a generated one
         * @return this builder
         */
        public Builder requestId(String requestId) {
            this.requestId = requestId;
            return this;
        }

        /**
         * @param progressListener receives progress of long factors; null for none
         * @return this builder
         */
        public Builder progressListener(ProgressListener progressListener) {
            this.progressListener = progressListener == null ? ProgressListener.NONE : progressListener;
            return this;
        }

        /**
         * @return the context
         * @throws InvalidInputException naming the field if a value is invalid
         */
        public VerificationContext build() {
            return new VerificationContext(Optional.ofNullable(clientIp), Optional.ofNullable(applicationName),
                    requestId == null ? RequestIds.next() : requestId, progressListener);
        }
    }
}
