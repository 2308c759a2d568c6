package dev.mfa4j.duo.internal;

import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/** Builds the one {@link HttpClient} a configuration revision uses. */
final class HttpClients {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private HttpClients() {
    }

    /**
     * @param settings the configuration
     * @param executor where the client runs its callbacks
     * @return a client that speaks HTTP/1.1 over TLS 1.2 or 1.3 only, trusts only the configured
     *     roots, checks the host name, never follows redirects, and connects within the request
     *     timeout, directly or through the configured proxy
     * @throws CertificateException if {@code CaCertificates} cannot be read
     * @throws GeneralSecurityException if the platform lacks TLS
     */
    static HttpClient build(DuoSettings settings, Executor executor) throws GeneralSecurityException {
        List<X509Certificate> anchors = settings.caCertificates().isPresent()
                ? TrustAnchors.parse(settings.caCertificates().get()) : TrustAnchors.bundled();
        SSLContext context = TrustAnchors.sslContext(anchors);
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(PROTOCOLS);
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        // The JDK enables neither, but say so: no anonymous or unencrypted suite, ever.
        parameters.setCipherSuites(Arrays.stream(context.getDefaultSSLParameters().getCipherSuites())
                .filter(s -> !s.toUpperCase(Locale.ROOT).contains("_ANON_") && !s.toUpperCase(Locale.ROOT).contains("_NULL_"))
                .toArray(String[]::new));
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(context)
                .sslParameters(parameters)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.requestTimeout())
                .executor(executor);
        // Without a proxy setting, none is used, whatever the JVM's system properties say.
        builder.proxy(settings.proxy().map(ProxySelector::of).orElse(HttpClient.Builder.NO_PROXY));
        return builder.build();
    }
}
