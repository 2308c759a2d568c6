package dev.mfa4j.duo.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificates a Duo host's chain must lead to: the bundled Duo roots by default, or the
 * configuration's {@code CaCertificates}, never the JVM's or the system's trust store.
 */
final class TrustAnchors {

    /** The bundled roots; see the comments at the top of the file for their source. */
    static final String BUNDLED_RESOURCE = "duo-root-cas.pem";

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+?)-----END CERTIFICATE-----");

    private TrustAnchors() {
    }

    /** @return Duo's public roots, as bundled in this jar */
    static List<X509Certificate> bundled() {
        try (InputStream in = TrustAnchors.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundled Duo root certificates are missing from the jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException("the bundled Duo root certificates cannot be read", e);
        }
    }

    /**
     * @param pem one or more {@code BEGIN CERTIFICATE} blocks; text around them is ignored
     * @return the certificates, in order
     * @throws CertificateException if there is none, or one cannot be read
     */
    static List<X509Certificate> parse(String pem) throws CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher m = PEM.matcher(pem);
        while (m.find()) {
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(m.group(1));
            } catch (IllegalArgumentException e) {
                throw new CertificateException("a certificate is not valid base64", e);
            }
            certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
        }
        if (certificates.isEmpty()) {
            throw new CertificateException("no -----BEGIN CERTIFICATE----- block found");
        }
        return List.copyOf(certificates);
    }

    /**
     * @param anchors the only certificates to trust
     * @return a TLS context that trusts exactly those, with the platform's default key material
     *     (none) and random source
     * @throws GeneralSecurityException if the platform lacks PKIX or TLS
     */
    static SSLContext sslContext(List<X509Certificate> anchors) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot create an empty key store", e);
        }
        for (int i = 0; i < anchors.size(); i++) {
            store.setCertificateEntry("anchor-" + i, anchors.get(i));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
