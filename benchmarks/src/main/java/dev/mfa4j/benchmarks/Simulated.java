package dev.mfa4j.benchmarks;

import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import dev.mfa4j.core.MfaService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The simulator a load main talks to (started by run.sh from the testkit's standalone jar, in its
 * own JVM), and how each client is pointed at it.
 *
 * @param host the host name clients connect to and sign ({@code localhost})
 * @param port the port; Duo's client only speaks to 443
 * @param pem the simulator's certificate
 */
record Simulated(String host, int port, Path pem) {

    /** @return {@code host} or {@code host:port}, as mfa4j's Host option and the signature take it */
    String apiHost() {
        return port == 443 ? host : host + ":" + port;
    }

    X509Certificate certificate() throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** @return a TLS context that trusts exactly the simulator */
    SSLContext sslContext() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("duo-simulator", certificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    /** @return OkHttp's pin of the simulator's key, for duo-client's useCustomCertificates */
    String okHttpPin() throws IOException, GeneralSecurityException {
        byte[] spki = MessageDigest.getInstance("SHA-256").digest(certificate().getPublicKey().getEncoded());
        return "sha256/" + Base64.getEncoder().encodeToString(spki);
    }

    /**
     * Makes this JVM's default trust store the simulator's certificate, as duo-client (OkHttp's
     * platform trust manager) reads it; call before its first request.
     */
    void installAsJvmTrustStore() throws IOException, GeneralSecurityException {
        Path file = Files.createTempFile("duo-simulator-trust", ".p12");
        file.toFile().deleteOnExit();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("duo-simulator", certificate());
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, "changeit".toCharArray());
        }
        System.setProperty("javax.net.ssl.trustStore", file.toString());
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
    }

    /**
     * An mfa4j service with one {@code duo} configuration pointed at the simulator, and
     * {@code count} principals {@code principal/internal/user/<name>} assigned to the Duo
     * usernames {@code names.apply(i)}. Attempt policy and everything else: the defaults.
     *
     * @param extraOptions options added to Host, keys, UserIdentifier and CaCertificates
     */
    MfaService mfaService(int count, IntFunction<String> names, Map<String, String> extraOptions) throws IOException {
        MfaService mfa = MfaService.builder(ManagementAuthorizer.allowAll()).build();
        Map<String, String> options = new LinkedHashMap<>();
        options.put("Host", apiHost());
        options.put("IntegrationKey", BenchKeys.IKEY);
        options.put("SecretKey", BenchKeys.SKEY);
        options.put("UserIdentifier", "username");
        options.put("CaCertificates", Files.readString(pem));
        options.putAll(extraOptions);
        mfa.configurations().create("duo-sim", "duo", options);
        for (int i = 0; i < count; i++) {
            mfa.principals().assign(MfaAssignment.of(principal(names.apply(i))).configuration("duo-sim").providerUserId(names.apply(i)));
        }
        return mfa;
    }

    static PrincipalId principal(String name) {
        return PrincipalId.parse("principal/internal/user/" + name);
    }

    /** Reads {@code --key value} pairs. */
    static Map<String, String> args(String[] args) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --key value, got " + args[i]);
            }
            map.put(args[i].substring(2), args[i + 1]);
        }
        return map;
    }

    static Simulated from(Map<String, String> args) {
        return new Simulated(args.getOrDefault("host", "localhost"), Integer.parseInt(args.getOrDefault("port", "443")),
                Path.of(args.get("pem")));
    }
}
