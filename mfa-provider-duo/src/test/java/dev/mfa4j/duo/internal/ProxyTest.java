package dev.mfa4j.duo.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.mfa4j.duo.internal.DuoStub.ok;
import static dev.mfa4j.duo.internal.Fixtures.await;
import static dev.mfa4j.duo.internal.Fixtures.passcode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The Proxy option tunnels through an HTTP proxy with CONNECT; TLS still runs end to end with Duo. */
class ProxyTest {

    /** A minimal CONNECT-only proxy on loopback that records the targets it was asked for. */
    static final class ConnectProxy implements AutoCloseable {
        final ServerSocket socket;
        final List<String> connects = new CopyOnWriteArrayList<>();
        final ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-connect-proxy");
            t.setDaemon(true);
            return t;
        });

        ConnectProxy() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            threads.submit(this::acceptLoop);
        }

        int port() {
            return socket.getLocalPort();
        }

        private void acceptLoop() {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    threads.submit(() -> tunnel(client));
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void tunnel(Socket client) {
            try (client) {
                InputStream in = client.getInputStream();
                String head = readHead(in);
                String requestLine = head.lines().findFirst().orElse("");
                connects.add(requestLine);
                String[] parts = requestLine.split(" ");
                if (parts.length < 2 || !parts[0].equals("CONNECT")) {
                    client.getOutputStream().write("HTTP/1.1 405 Method Not Allowed\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    return;
                }
                String[] target = parts[1].split(":");
                // Only ever to loopback, whatever the name asked for.
                try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(target[1]))) {
                    client.getOutputStream().write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    client.getOutputStream().flush();
                    var back = threads.submit(() -> pipe(upstream.getInputStream(), client.getOutputStream()));
                    pipe(in, upstream.getOutputStream());
                    back.get();
                }
            } catch (Exception e) {
                // the connection ends
            }
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            return head.toString(StandardCharsets.US_ASCII);
        }

        private static Void pipe(InputStream from, OutputStream to) throws IOException {
            byte[] buffer = new byte[8192];
            int n;
            try {
                while ((n = from.read(buffer)) >= 0) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                // closed by the other side
            }
            return null;
        }

        @Override
        public void close() throws IOException {
            socket.close();
            threads.shutdownNow();
        }
    }

    @Test
    void callsGoThroughTheProxyWithConnect() throws Exception {
        ExecutorService executor = Fixtures.executor();
        try (DuoStub duo = new DuoStub(); ConnectProxy proxy = new ConnectProxy()) {
            duo.server.stubFor(post(urlPathEqualTo("/auth/v2/auth")).willReturn(ok("{\"result\":\"allow\",\"status\":\"allow\"}")));
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
