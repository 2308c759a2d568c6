package dev.mfa4j.duo.internal;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test certificate authorities and server certificates, made fresh per test run with Bouncy
 * Castle: nothing secret is checked in, and nothing here is trusted outside the tests.
 */
final class TestPki {

    static final String PASSWORD = "test-only";

    // Before the CAs below: static fields initialise in order.
    private static final AtomicLong SERIAL = new AtomicLong(1000);

    /** A CA and its key. */
    record Ca(String name, KeyPair keys, X509Certificate certificate) {
        String pem() {
            return TestPki.pem(certificate);
        }
    }

    /** The CA the tests trust through {@code CaCertificates}. */
    static final Ca TRUSTED = ca("mfa4j test root");
    /** A CA nobody trusts: its server certificate must be refused. */
    static final Ca UNRELATED = ca("unrelated test root");

    private TestPki() {
    }

    static Ca ca(String name) {
        try {
            KeyPair keys = ecKeys();
            X500Name subject = new X500Name("CN=" + name);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(Instant.now().minus(Duration.ofDays(1))), Date.from(Instant.now().plus(Duration.ofDays(30))), subject,
                    keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            return new Ca(name, keys, cert);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param issuer the CA that signs
     * @param dnsName the server name in the certificate; 127.0.0.1 is always added as an IP name
     *     when the DNS name is localhost
     * @return a PKCS12 key store file holding the server key and chain, password {@link #PASSWORD}
     */
    static Path serverKeyStore(Ca issuer, String dnsName) {
        try {
            KeyPair keys = ecKeys();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer.certificate(),
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(Instant.now().minus(Duration.ofDays(1))),
                    Date.from(Instant.now().plus(Duration.ofDays(30))), new X500Name("CN=" + dnsName), keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            GeneralName[] names = dnsName.equals("localhost")
                    ? new GeneralName[] {new GeneralName(GeneralName.dNSName, dnsName), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}
                    : new GeneralName[] {new GeneralName(GeneralName.dNSName, dnsName)};
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.keys().getPrivate())));
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", keys.getPrivate(), PASSWORD.toCharArray(), new Certificate[] {cert, issuer.certificate()});
            Path file = Files.createTempFile("duo-test-server", ".p12");
            file.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, PASSWORD.toCharArray());
            }
            return file;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair ecKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }
}
