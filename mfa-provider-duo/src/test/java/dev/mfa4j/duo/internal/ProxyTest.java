package dev.mfa4j.duo.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.mfa4j.duo.internal.DuoStub.ok;
import static dev.mfa4j.duo.internal.Fixtures.await;
import static dev.mfa4j.duo.internal.Fixtures.passcode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.Reason;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.Test;

/** The Proxy option tunnels through an HTTP proxy with CONNECT; TLS still runs end to end with Duo. */
class ProxyTest {

    @Test
    void callsGoThroughTheProxyWithConnect() throws Exception {
        ExecutorService executor = Fixtures.executor();
        try (DuoStub duo = new DuoStub(); ConnectProxy proxy = new ConnectProxy()) {
            duo.server.stubFor(post(urlPathEqualTo("/auth/v2/auth")).willReturn(ok(Answers.ALLOW)));
            DuoVerifier verifier = Fixtures.open(duo, executor, "Proxy", "http://127.0.0.1:" + proxy.port());
            assertThat(await(verifier.verify(passcode("123456"))).reason()).isEqualTo(Reason.APPROVED);
            assertThat(proxy.connects).first().asString().startsWith("CONNECT " + duo.host() + " ");
            verifier.close();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aDeadProxyIsUnavailableNeverAnApproval() throws Exception {
        ExecutorService executor = Fixtures.executor();
        int deadPort;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = closed.getLocalPort();
        }
        try (DuoStub duo = new DuoStub()) {
            DuoVerifier verifier = Fixtures.open(duo, executor, "Proxy", "http://127.0.0.1:" + deadPort);
            assertThat(await(verifier.verify(passcode("123456"))).reason()).isEqualTo(Reason.PROVIDER_UNAVAILABLE);
            verifier.close();
        } finally {
            executor.shutdownNow();
        }
    }
}
