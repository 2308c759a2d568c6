package dev.mfa4j.duo.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.nio.file.Path;

/**
 * WireMock as a stand-in for Duo: HTTPS only, on a loopback port chosen by the system, with a
 * server certificate from a test CA. Nothing leaves the machine.
 */
final class DuoStub implements AutoCloseable {

    final WireMockServer server;

    /** A stub whose certificate, for localhost and 127.0.0.1, comes from {@link TestPki#TRUSTED}. */
    DuoStub() {
        this(TestPki.serverKeyStore(TestPki.TRUSTED, "localhost"));
    }

    DuoStub(Path keyStore) {
        this(keyStore, 64);
    }

    /**
     * @param keyStore the server's key and certificate chain
     * @param serverThreads WireMock's (Jetty's) thread limit; a delayed answer holds one
     */
    DuoStub(Path keyStore, int serverThreads) {
        server = new WireMockServer(wireMockConfig()
                .bindAddress("127.0.0.1")
                .httpDisabled(true)
                .dynamicHttpsPort()
                .keystorePath(keyStore.toString())
                .keystoreType("PKCS12")
                .keystorePassword(TestPki.PASSWORD)
                .keyManagerPassword(TestPki.PASSWORD)
                .http2TlsDisabled(true)
                .asynchronousResponseEnabled(true)
                .asynchronousResponseThreads(8)
                .containerThreads(serverThreads)
                .jettyAcceptors(1));
        server.start();
    }

    /** @return the Host option for this stub */
    String host() {
        return "localhost:" + server.httpsPort();
    }

    /** @return a 200 answer with Duo's OK envelope around {@code responseJson} */
    static ResponseDefinitionBuilder ok(String responseJson) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("""
                        {"stat": "OK", "response": %s}""".formatted(responseJson));
    }

    /** @return Duo's FAIL envelope */
    static ResponseDefinitionBuilder fail(int httpStatus, int code, String message) {
        return aResponse().withStatus(httpStatus).withHeader("Content-Type", "application/json")
                .withBody("""
                        {"stat": "FAIL", "code": %d, "message": "%s"}""".formatted(code, message));
    }

    @Override
    public void close() {
        server.stop();
    }
}
