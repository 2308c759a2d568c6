package dev.mfa4j.testkit.duo.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mfa4j.testkit.duo.DeviceCapability;
import dev.mfa4j.testkit.duo.DeviceType;
import dev.mfa4j.testkit.duo.DuoDevice;
import dev.mfa4j.testkit.duo.DuoSimulator;
import dev.mfa4j.testkit.duo.DuoUser;
import dev.mfa4j.testkit.duo.DuoUserStatus;
import dev.mfa4j.testkit.duo.Integration;
import dev.mfa4j.testkit.duo.PushBehaviour;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the standalone simulator's JSON file: integrations, users and options. Unknown keys are
 * refused, naming the key, so a typo does not silently change the scenario. Stateless.
 *
 * <pre>{@code
 * {"integrations": [{"ikey": "DI...", "skey": "...", "name": "demo"}],
 *  "users": [{"username": "alice", "passcodes": ["123456"], "push": "approve", "pushDelay": "PT2S"}],
 *  "defaultPush": "pending", "pushTimeout": "PT60S", "authStatusHold": "PT25S"}
 * }</pre>
 */
public final class SimulatorConfig {

    private static final Set<String> TOP = Set.of("integrations", "users", "defaultPush", "defaultPushDelay",
            "pushTimeout", "authStatusHold", "allowedClockSkew", "apiHostname", "serverThreads", "requestLogCapacity");
    private static final Set<String> INTEGRATION = Set.of("ikey", "skey", "name");
    private static final Set<String> USER = Set.of("username", "userId", "status", "devices", "passcodes",
            "verifiedPush", "push", "pushDelay");
    private static final Set<String> DEVICE = Set.of("id", "type", "number", "name", "capabilities");

    /** A user's standing push script from the file. */
    public record Script(String username, PushBehaviour behaviour) {
    }

    /**
     * The simulator options, the push scripts to apply once it is built, and whether the file
     * named any integration (if not, the simulator makes a random one).
     */
    public record Loaded(DuoSimulator.Builder builder, List<Script> scripts, boolean integrationsGiven) {
    }

    private SimulatorConfig() {
    }

    /**
     * Reads {@code file} into {@code builder}.
     *
     * @throws IOException              if the file cannot be read or is not JSON
     * @throws IllegalArgumentException naming the offending key or value
     */
    public static Loaded read(Path file, DuoSimulator.Builder builder) throws IOException {
        JsonNode root = DuoResponse.JSON.readTree(Files.readAllBytes(file));
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + ": the top level must be a JSON object");
        }
        return read(root, builder);
    }

    /** Reads a parsed document into {@code builder}; the exceptions are those of {@link #read(Path, DuoSimulator.Builder)}. */
    public static Loaded read(JsonNode root, DuoSimulator.Builder builder) {
        keys(root, TOP, "");
        List<JsonNode> integrations = array(root, "integrations");
        for (JsonNode node : integrations) {
            keys(node, INTEGRATION, "integrations[]");
            builder.integration(new Integration(text(node, "ikey", null), text(node, "skey", null), text(node, "name", "integration")));
        }
        List<Script> scripts = new ArrayList<>();
        for (JsonNode node : array(root, "users")) {
            keys(node, USER, "users[]");
            DuoUser user = user(node);
            builder.user(user);
            if (node.has("push")) {
                scripts.add(new Script(user.username(), behaviour(node.get("push").asText(), duration(node, "pushDelay", Duration.ZERO))));
            }
        }
        if (root.has("defaultPush")) {
            builder.defaultPushBehaviour(behaviour(root.get("defaultPush").asText(), duration(root, "defaultPushDelay", Duration.ZERO)));
        }
        if (root.has("pushTimeout")) {
            builder.pushTimeout(duration(root, "pushTimeout", null));
        }
        if (root.has("authStatusHold")) {
            builder.authStatusHold(duration(root, "authStatusHold", null));
        }
        if (root.has("allowedClockSkew")) {
            builder.allowedClockSkew(duration(root, "allowedClockSkew", null));
        }
        if (root.has("apiHostname")) {
            builder.apiHostname(text(root, "apiHostname", null));
        }
        if (root.has("serverThreads")) {
            builder.serverThreads(root.get("serverThreads").asInt());
        }
        if (root.has("requestLogCapacity")) {
            builder.requestLogCapacity(root.get("requestLogCapacity").asInt());
        }
        return new Loaded(builder, scripts, !integrations.isEmpty());
    }

    private static DuoUser user(JsonNode node) {
        String username = text(node, "username", null);
        DuoUser.Builder user = DuoUser.builder(username);
        if (node.has("userId")) {
            user.userId(text(node, "userId", null));
        }
        if (node.has("status")) {
            String status = node.get("status").asText();
            try {
                user.status(DuoUserStatus.valueOf(status.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("users[" + username + "].status: unknown status " + status, e);
            }
        }
        if (node.has("devices")) {
            int index = 0;
            for (JsonNode device : array(node, "devices")) {
                keys(device, DEVICE, "users[" + username + "].devices[]");
                user.device(device(device, username, index++));
            }
        } else {
            user.smartphone();
        }
        for (JsonNode code : array(node, "passcodes")) {
            user.passcodes(code.asText());
        }
        user.verifiedPush(node.path("verifiedPush").asBoolean(false));
        return user.build();
    }

    private static DuoDevice device(JsonNode node, String username, int index) {
        DeviceType type = node.path("type").asText("phone").equals("token") ? DeviceType.TOKEN : DeviceType.PHONE;
        String id = node.has("id") ? node.get("id").asText()
                : Ids.derived(type == DeviceType.TOKEN ? "DH" : "DP", username + "#" + index);
        Set<DeviceCapability> capabilities = EnumSet.noneOf(DeviceCapability.class);
        if (node.has("capabilities")) {
            for (JsonNode capability : array(node, "capabilities")) {
                capabilities.add(DeviceCapability.fromWireName(capability.asText()));
            }
        } else if (type == DeviceType.PHONE) {
            capabilities.addAll(DuoDevice.smartphone(id, "").capabilities());
        }
        return new DuoDevice(id, type, node.path("number").asText(type == DeviceType.PHONE ? "+1 555-0100" : ""),
                node.path("name").asText(""), capabilities);
    }

    /** Reads {@code approve}, {@code deny}, {@code fraud}, {@code timeout}, {@code push_failed} or {@code pending}. */
    public static PushBehaviour behaviour(String name, Duration delay) {
        return switch (name) {
            case "approve" -> PushBehaviour.approveAfter(delay);
            case "deny" -> PushBehaviour.denyAfter(delay);
            case "fraud" -> PushBehaviour.fraudAfter(delay);
            case "timeout" -> PushBehaviour.timeoutAfter(delay);
            case "push_failed" -> PushBehaviour.pushFailed();
            case "pending" -> PushBehaviour.pending();
            default -> throw new IllegalArgumentException("unknown push behaviour " + name
                    + " (approve, deny, fraud, timeout, push_failed, pending)");
        };
    }

    private static void keys(JsonNode node, Set<String> allowed, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + ": must be a JSON object");
        }
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        node.properties().forEach(e -> fields.put(e.getKey(), e.getValue()));
        for (String key : fields.keySet()) {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(where + (where.isEmpty() ? "" : ".") + key + ": unknown key (known: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private static List<JsonNode> array(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new IllegalArgumentException(key + ": must be an array");
        }
        List<JsonNode> items = new ArrayList<>();
        value.forEach(items::add);
        return items;
    }

    private static String text(JsonNode node, String key, String fallback) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            if (fallback == null) {
                throw new IllegalArgumentException(key + ": required");
            }
            return fallback;
        }
        return value.asText();
    }

    private static Duration duration(JsonNode node, String key, Duration fallback) {
        JsonNode value = node.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Duration.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + ": not an ISO-8601 duration such as PT2S: " + value.asText(), e);
        }
    }
}
