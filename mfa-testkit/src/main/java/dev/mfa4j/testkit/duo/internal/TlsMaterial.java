package dev.mfa4j.testkit.duo.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed EC P-256 server certificate made at start with Bouncy Castle, and the SSL
 * contexts built on it: the server's, and a client's that trusts exactly this certificate.
 * EC rather than RSA because its key pair takes about a millisecond to make, so a simulator per
 * test class stays cheap. Bouncy Castle builds the certificate only; keys and signatures come
 * from the JDK's own providers, so no JCA provider is installed globally. Immutable and
 * thread-safe.
 */
public final class TlsMaterial {

    private static final char[] STORE_PASSWORD = "mfa4j-duo-simulator".toCharArray();

    private final X509Certificate certificate;
    private final SSLContext serverContext;
    private final SSLContext clientContext;
    private final X509TrustManager trustManager;

    private TlsMaterial(X509Certificate certificate, SSLContext serverContext,
                        SSLContext clientContext, X509TrustManager trustManager) {
        this.certificate = certificate;
        this.serverContext = serverContext;
        this.clientContext = clientContext;
        this.trustManager = trustManager;
    }

    /**
     * A fresh key pair and certificate valid for {@code dnsNames} and {@code addresses}.
     *
     * @throws IllegalStateException if the JDK lacks EC or TLS support (it never should)
     */
    public static TlsMaterial generate(Collection<String> dnsNames, Collection<InetAddress> addresses) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keyPair = generator.generateKeyPair();

            List<GeneralName> names = new ArrayList<>();
            dnsNames.forEach(name -> names.add(new GeneralName(GeneralName.dNSName, name)));
            addresses.forEach(address -> names.add(new GeneralName(GeneralName.iPAddress, address.getHostAddress())));

            Instant now = Instant.now();
            X500Name subject = new X500Name("CN=mfa4j Duo simulator,O=mfa4j testkit");
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE),
                    // An hour back, for clients whose clock is a little behind.
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(365))),
                    subject, keyPair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(names.toArray(GeneralName[]::new)));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate())));

            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", keyPair.getPrivate(), STORE_PASSWORD, new X509Certificate[] {certificate});
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, STORE_PASSWORD);
            SSLContext server = SSLContext.getInstance("TLS");
            server.init(keyManagers.getKeyManagers(), null, null);

            X509TrustManager trustManager = trustManagerFor(certificate);
            SSLContext client = SSLContext.getInstance("TLS");
            client.init(null, new TrustManager[] {trustManager}, null);
            return new TlsMaterial(certificate, server, client, trustManager);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the simulator's TLS certificate", e);
        }
    }

    private static X509TrustManager trustManagerFor(X509Certificate certificate)
            throws GeneralSecurityException, IOException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("duo-simulator", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("no X509TrustManager");
    }

    /** The server certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The certificate in PEM. */
    public String certificatePem() {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(certificate);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write PEM", e);
        }
        return out.toString();
    }

    /** OkHttp's pin form: {@code sha256/} and the Base64 SHA-256 of the SubjectPublicKeyInfo. */
    public String spkiPin() {
        try {
            byte[] spki = certificate.getPublicKey().getEncoded();
            return "sha256/" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** The server's context, holding the private key. */
    public SSLContext serverContext() {
        return serverContext;
    }

    /** A client context that trusts this certificate and nothing else. */
    public SSLContext clientContext() {
        return clientContext;
    }

    /** A trust manager that trusts this certificate and nothing else. */
    public X509TrustManager trustManager() {
        return trustManager;
    }

    /** A PKCS#12 trust store holding the certificate, for tools that want a file. */
    public KeyStore trustStore() {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("duo-simulator", certificate);
            return trusted;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make a trust store", e);
        }
    }
}
