package dev.mfa4j.testkit.duo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfa4j.testkit.duo.TestClient.Reply;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone main: arguments, the JSON file, what it prints. */
class DuoSimulatorMainTest {

    @TempDir
    Path dir;

    String run(Path config, String... extra) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] args = new String[4 + extra.length];
        args[0] = "--port";
        args[1] = "0";
        args[2] = "--cert-out";
        args[3] = dir.resolve("cert.pem").toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        if (config != null) {
            String[] withConfig = java.util.Arrays.copyOf(args, args.length + 2);
            withConfig[args.length] = "--config";
            withConfig[args.length + 1] = config.toString();
            args = withConfig;
        }
        simulator = DuoSimulatorMain.launch(args, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    DuoSimulator simulator;

    @Test
    void startsFromAFileOfIntegrationsAndUsers() throws Exception {
        Path config = dir.resolve("duo.json");
        Files.writeString(config, """
                {"integrations": [{"ikey": "DIWJ8X6AEYOR5OMC6TQ1", "skey": "Zh5eGmUq9zpfQnyUIu5OL9iWoMMv5ZNmk3zLJ4Ep", "name": "demo"}],
                 "users": [
                   {"username": "alice", "userId": "DUALICE0000000000001", "passcodes": ["123456"], "push": "deny"},
                   {"username": "tok", "devices": [{"type": "token"}], "passcodes": ["1"]},
                   {"username": "bob", "status": "bypass", "devices": []},
                   {"username": "vera", "verifiedPush": true, "devices": [{"id": "DPVERA00000000000001", "number": "+1 555 0199",
                       "name": "Vera's phone", "capabilities": ["auto", "push"]}]}],
                 "defaultPush": "approve", "pushTimeout": "PT30S", "authStatusHold": "PT10S", "serverThreads": 2}
                """);
        String printed = run(config);
        try {
            assertThat(printed).contains("listening on " + simulator.baseUrl())
                    .contains("Certificate: " + dir.resolve("cert.pem").toAbsolutePath())
                    .contains("Integration: DIWJ8X6AEYOR5OMC6TQ1").doesNotContain("Zh5eGm");
            assertThat(Files.readString(dir.resolve("cert.pem"))).isEqualTo(simulator.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
            assertThat(simulator.user("alice").orElseThrow().userId()).isEqualTo("DUALICE0000000000001");
            assertThat(simulator.user("vera").orElseThrow().devices().get(0).maskedNumber()).isEqualTo("XXX-XXX-0199");

            TestClient client = new TestClient(simulator);
            Reply passcode = client.post("/auth/v2/auth", Map.of("username", "alice", "factor", "passcode", "passcode", "123456"));
            assertThat(passcode.response().get("result").asText()).isEqualTo("allow");
            Reply push = client.post("/auth/v2/auth", Map.of("username", "alice", "factor", "push"));
            assertThat(push.response().get("status").asText()).isEqualTo("deny");
            assertThat(client.post("/auth/v2/preauth", Map.of("username", "bob")).response().get("result").asText()).isEqualTo("allow");
            assertThat(client.post("/auth/v2/preauth", Map.of("username", "tok")).response().get("devices").get(0)
                    .get("type").asText()).isEqualTo("token");
        } finally {
            simulator.close();
        }
    }

    @Test
    void withoutAFileItMakesAnIntegrationAndPrintsItsKeys() throws Exception {
        String printed = run(null);
        try {
            Integration integration = simulator.integration();
            assertThat(printed).contains("Integration: " + integration.integrationKey() + " secret key " + integration.secretKey());
            assertThat(new TestClient(simulator).get("/auth/v2/check", Map.of()).status()).isEqualTo(200);
        } finally {
            simulator.close();
        }
    }

    @Test
    void badArgumentsAndKeysAreNamed() throws Exception {
        assertThatThrownBy(() -> DuoSimulatorMain.launch(new String[] {"--prot", "1"}, System.out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--prot");
        assertThatThrownBy(() -> DuoSimulatorMain.launch(new String[] {"--port"}, System.out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--port needs a value");
        Path config = dir.resolve("bad.json");
        Files.writeString(config, "{\"users\": [{\"username\": \"a\", \"passcode\": [\"1\"]}]}");
        assertThatThrownBy(() -> run(config)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("users[].passcode: unknown key");
        Files.writeString(config, "{\"defaultPush\": \"maybe\"}");
        assertThatThrownBy(() -> run(config)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maybe");
        Files.writeString(config, "{\"pushTimeout\": \"60s\"}");
        assertThatThrownBy(() -> run(config)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pushTimeout");
        assertThat(Duration.parse("PT60S")).isEqualTo(Duration.ofSeconds(60));
    }
}
