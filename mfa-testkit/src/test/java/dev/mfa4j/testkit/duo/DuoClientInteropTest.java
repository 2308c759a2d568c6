package dev.mfa4j.testkit.duo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.duosecurity.client.Auth;
import com.duosecurity.client.Http;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Duo's official Java client ({@code com.duosecurity:duo-client:0.7.1}) against the simulator:
 * it gets the answers a real Duo would give. That client only takes a bare host name on port
 * 443 and pins certificates over the JVM's trust store, so this test binds 127.0.0.1:443 (the
 * build runs as root), makes the JVM trust the simulator through {@code javax.net.ssl.trustStore}
 * and pins the simulator's key with {@code useCustomCertificates}. It runs in its own Surefire
 * execution ({@code duo-client-interop}, its own JVM) so the trust-store property touches no
 * other test. Where 443 cannot be bound it is skipped, except in CI ({@code CI=true}), where
 * that fails.
 */
@Tag("interop")
class DuoClientInteropTest {

    /**
     * How long to wait for port 443. It is one port for the whole machine: another build running
     * this test holds it for as long as its own test takes, which on a busy shared machine is
     * minutes. Builds of this code take turns through {@link #PORT_LOCK}; older ones only free
     * the port when they are done.
     */
    static final Duration BIND_PATIENCE = Duration.ofMinutes(10);
    /** A file every build on this machine locks while its simulator holds port 443. */
    static final Path PORT_LOCK = Path.of(System.getProperty("java.io.tmpdir"), "mfa4j-port-443.lock");
    static DuoSimulator duo;
    static Integration integration = Integration.random("duo-client interop");
    private static FileChannel portLockChannel;
    private static FileLock portLock;

    @BeforeAll
    static void startOn443() throws Exception {
        duo = bind443();
        Path trustStore = Files.createTempFile("duo-simulator-trust", ".p12");
        trustStore.toFile().deleteOnExit();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("duo-simulator", duo.certificate());
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            store.store(out, "changeit".toCharArray());
        }
        // Read by OkHttp's platform trust manager when duo-client builds its OkHttpClient.
        System.setProperty("javax.net.ssl.trustStore", trustStore.toString());
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
    }

    private static DuoSimulator bind443() throws InterruptedException, IOException {
        DuoSimulator.Builder builder = DuoSimulator.builder().port(443).integration(integration)
                .user(DuoUser.builder("alice").smartphone().passcodes("135790").build());
        long deadline = System.nanoTime() + BIND_PATIENCE.toNanos();
        portLockChannel = FileChannel.open(PORT_LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        while ((portLock = portLockChannel.tryLock()) == null && System.nanoTime() < deadline) {
            // Another build's simulator holds the port: its turn ends when its test class does.
            Thread.sleep(500);
        }
        while (true) {
            try {
                return builder.start();
            } catch (UncheckedIOException e) {
                boolean busy = e.getCause() instanceof BindException;
                // A build that does not take the lock may still hold 443: wait for it.
                if (busy && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                    continue;
                }
                releasePort();
                if ("true".equals(System.getenv("CI"))) {
                    throw new AssertionError("cannot bind 127.0.0.1:443 in CI for the duo-client interop test", e);
                }
                Assumptions.abort("skipped: cannot bind 127.0.0.1:443 (" + e.getCause()
                        + "); Duo's Java client only speaks to port 443. Run as root or grant CAP_NET_BIND_SERVICE.");
            }
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (duo != null) {
            duo.close();
        }
        releasePort();
    }

    private static void releasePort() throws IOException {
        if (portLockChannel != null) {
            // Closing the channel releases the lock, if it was had.
            portLockChannel.close();
            portLockChannel = null;
            portLock = null;
        }
    }

    /** The client for one call, to host "localhost" (port 443), pinning the simulator's key. */
    static Http client(String path, String method) {
        // Not chained: the builder's fluent methods return a type this package cannot see.
        Auth.AuthBuilder builder = new Auth.AuthBuilder(method, "localhost", path);
        builder.useCustomCertificates(new String[] {duo.certificatePin()});
        builder.useTimeout(30);
        return builder.build();
    }

    static Http signed(String method, String path, int sigVersion, String... params) throws Exception {
        Http request = client(path, method);
        for (int i = 0; i < params.length; i += 2) {
            request.addParam(params[i], params[i + 1]);
        }
        request.signRequest(integration.integrationKey(), integration.secretKey(), sigVersion);
        return request;
    }

    static JSONObject call(String method, String path, String... params) throws Exception {
        return (JSONObject) signed(method, path, 5, params).executeRequest();
    }

    @Test
    void checkAndPing() throws Exception {
        JSONObject check = call("GET", "/auth/v2/check");
        assertThat(check.getLong("time")).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(5L));
        RecordedDuoRequest recorded = lastRequestTo("/auth/v2/check");
        assertThat(recorded.signatureScheme()).contains(SignatureScheme.V5_HMAC_SHA512);
        assertThat(recorded.header("user-agent").orElseThrow()).startsWith("Duo API Java/0.7.1");

        Http ping = client("/auth/v2/ping", "GET");
        assertThat(((JSONObject) ping.executeRequest()).has("time")).isTrue();
    }

    @Test
    void preauthListsTheUsersPhone() throws Exception {
        JSONObject preauth = call("POST", "/auth/v2/preauth", "username", "alice");
        assertThat(preauth.getString("result")).isEqualTo("auth");
        JSONArray devices = preauth.getJSONArray("devices");
        assertThat(devices.getJSONObject(0).getString("device")).isEqualTo(duo.user("alice").orElseThrow().devices().get(0).id());
        List<Object> capabilities = new ArrayList<>(devices.getJSONObject(0).getJSONArray("capabilities").toList());
        assertThat(capabilities).contains("push", "sms", "phone");
    }

    @Test
    void aPasscodeAuthIsAllowedOnceWithV5AndV2() throws Exception {
        JSONObject allowed = call("POST", "/auth/v2/auth", "username", "alice", "factor", "passcode", "passcode", "135790");
        assertThat(allowed.getString("result")).isEqualTo("allow");
        assertThat(allowed.getString("status")).isEqualTo("allow");
        // The v2 (form body, HMAC-SHA512) path of the same client, replaying the used passcode.
        JSONObject replay = (JSONObject) signed("POST", "/auth/v2/auth", 2,
                "username", "alice", "factor", "passcode", "passcode", "135790").executeRequest();
        assertThat(replay.getString("result")).isEqualTo("deny");
        assertThat(lastRequestTo("/auth/v2/auth").signatureScheme()).contains(SignatureScheme.V2_HMAC_SHA512);
    }

    @Test
    void anAsyncPushIsFollowedWithAuthStatusUntilApproved() throws Exception {
        JSONObject async = call("POST", "/auth/v2/auth", "username", "alice", "factor", "push", "device", "auto", "async", "1");
        String txid = async.getString("txid");
        JSONObject first = call("GET", "/auth/v2/auth_status", "txid", txid);
        assertThat(first.getString("result")).isEqualTo("waiting");
        assertThat(first.getString("status")).isEqualTo("pushed");

        // The next poll is held by the simulator until the user answers.
        CompletableFuture<JSONObject> held = CompletableFuture.supplyAsync(() -> {
            try {
                return call("GET", "/auth/v2/auth_status", "txid", txid);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> duo.parkedLongPolls() == 1);
        duo.approve(txid);
        JSONObject done = held.get();
        assertThat(done.getString("result")).isEqualTo("allow");
        assertThat(done.getString("status")).isEqualTo("allow");
    }

    @Test
    void aWrongSecretKeyGetsDuosError() throws Exception {
        Http request = client("/auth/v2/check", "GET");
        // One character changed, whatever the random key starts with.
        String key = integration.secretKey();
        request.signRequest(integration.integrationKey(), (key.charAt(0) == 'x' ? "y" : "x") + key.substring(1));
        assertThatThrownBy(request::executeRequest).hasMessage("Duo error code (40103): Invalid signature in request credentials");
    }

    static RecordedDuoRequest lastRequestTo(String path) throws InterruptedException {
        RecordedDuoRequest last = null;
        for (RecordedDuoRequest r = duo.takeRequest(Duration.ZERO); r != null; r = duo.takeRequest(Duration.ZERO)) {
            if (r.path().equals(path)) {
                last = r;
            }
        }
        assertThat(last).as("a request to " + path).isNotNull();
        return last;
    }
}
