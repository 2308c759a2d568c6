package dev.mfa4j.duo.internal;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** Reads the {@code Proxy} option, {@code http://host:port}: an HTTP proxy reached with CONNECT. */
final class ProxyAddress {

    /** What a valid value looks like, for error messages. */
    static final String EXPECTED = "http://host:port (an HTTP proxy that tunnels with CONNECT; no user, path or query)";

    private ProxyAddress() {
    }

    /**
     * @param value the option value
     * @return the proxy address (unresolved: the JDK resolves it when connecting), or empty if
     *     the value is not of the expected form
     */
    static Optional<InetSocketAddress> parse(String value) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65535
                || !bare) {
            return Optional.empty();
        }
        return Optional.of(InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort()));
    }
}
