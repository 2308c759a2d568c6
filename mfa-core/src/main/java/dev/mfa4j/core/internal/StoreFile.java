package dev.mfa4j.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.MfaException;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.StoreException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The file store's format and its safe writing. The file is one JSON object:
 *
 * <pre>{@code
 * {
 *   "Format": "mfa4j-store/1",
 *   "Configurations": [ {"Type": "duo", "Name": "...", "Options": {...}, "Revision": 1} ],
 *   "Assignments": [ {"Principal": "principal/internal/user/bob", "Configuration": "...", "ProviderUserId": "..."} ]
 * }
 * }</pre>
 *
 * <p>Writing goes through {@link AtomicFile}: a crash leaves either the old file or the new one,
 * never a mix. Read errors name the file and the position, never the content, which holds
 * secrets.
 */
public final class StoreFile {

    /** The format marker of this version. */
    public static final String FORMAT = "mfa4j-store/1";
    private static final String WHAT = "MFA store file";

    private StoreFile() {
    }

    /**
     * @param file the store file
     * @return its content; {@link StoreState#EMPTY} if the file does not exist
     * @throws StoreException naming the file and what is wrong, if it cannot be read or is not a
     *     valid store file
     */
    public static StoreState read(Path file) {
        Optional<JsonNode> document = JsonFile.readDocument(file, WHAT, FORMAT);
        if (document.isEmpty()) {
            return StoreState.EMPTY;
        }
        JsonNode root = document.get();
        Map<String, MfaConfiguration> configurations = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode node : JsonFile.array(file, WHAT, root, "Configurations")) {
            String where = "Configurations[" + index++ + "]";
            try {
                Map<String, String> options = new LinkedHashMap<>();
                JsonNode optionsNode = node.path("Options");
                if (!optionsNode.isObject()) {
                    throw corrupt(file, where + ".Options is not an object");
                }
                for (Map.Entry<String, JsonNode> field : optionsNode.properties()) {
                    if (!field.getValue().isTextual()) {
                        throw corrupt(file, where + ".Options." + ConfigurationJson.printable(field.getKey()) + " is not a string");
                    }
                    options.put(field.getKey(), field.getValue().textValue());
                }
                long revision = revision(file, node.path("Revision"), where);
                MfaConfiguration configuration = new MfaConfiguration(text(file, node, where, "Name"), text(file, node, where, "Type"),
                        options, revision);
                if (configurations.put(configuration.name(), configuration) != null) {
                    throw corrupt(file, where + " repeats the name of an earlier configuration");
                }
            } catch (StoreException e) {
                throw e;
            } catch (MfaException e) {
                throw corrupt(file, where + " is invalid: " + e.getMessage());
            }
        }
        Map<PrincipalId, MfaAssignment> assignments = new LinkedHashMap<>();
        index = 0;
        for (JsonNode node : JsonFile.array(file, WHAT, root, "Assignments")) {
            String where = "Assignments[" + index++ + "]";
            try {
                MfaAssignment assignment = new MfaAssignment(PrincipalId.parse(text(file, node, where, "Principal")),
                        text(file, node, where, "Configuration"), text(file, node, where, "ProviderUserId"));
                if (!configurations.containsKey(assignment.configurationName())) {
                    throw corrupt(file, where + " names a configuration that is not in the file");
                }
                if (assignments.put(assignment.principal(), assignment) != null) {
                    throw corrupt(file, where + " repeats the principal of an earlier assignment");
                }
            } catch (StoreException e) {
                throw e;
            } catch (MfaException e) {
                throw corrupt(file, where + " is invalid: " + e.getMessage());
            }
        }
        return new StoreState(configurations, assignments);
    }

    /**
     * Replaces the file's content, atomically.
     *
     * @param file the store file
     * @param state the content to write
     * @throws StoreException if writing fails; the old file is then unchanged
     */
    public static void write(Path file, StoreState state) {
        AtomicFile.replace(file, serialize(state), "MFA store file");
    }

    private static byte[] serialize(StoreState state) {
        ObjectNode root = JsonFile.MAPPER.createObjectNode();
        root.put("Format", FORMAT);
        ArrayNode configurations = root.putArray("Configurations");
        for (MfaConfiguration configuration : state.configurationList()) {
            ObjectNode node = configurations.addObject();
            node.put("Type", configuration.type());
            node.put("Name", configuration.name());
            ObjectNode options = node.putObject("Options");
            configuration.options().forEach(options::put);
            node.put("Revision", configuration.revision());
        }
        ArrayNode assignments = root.putArray("Assignments");
        for (MfaAssignment assignment : state.assignmentList()) {
            ObjectNode node = assignments.addObject();
            node.put("Principal", assignment.principal().path());
            node.put("Configuration", assignment.configurationName());
            node.put("ProviderUserId", assignment.providerUserId());
        }
        try {
            return JsonFile.MAPPER.writer(JsonFile.PRETTY).writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("serializing the store failed", e);
        }
    }

    /**
     * Exactly a JSON integer from 1 to {@link Long#MAX_VALUE}: not a string of digits, not a
     * fraction, not a number too large for a long (which a lenient read would wrap around).
     */
    private static long revision(Path file, JsonNode value, String where) {
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 1) {
            throw corrupt(file, where + ".Revision is not a whole number from 1 to " + Long.MAX_VALUE);
        }
        return value.longValue();
    }

    private static String text(Path file, JsonNode node, String where, String field) {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw corrupt(file, where + "." + field + " is missing or not a string");
        }
        return value.textValue();
    }

    private static StoreException corrupt(Path file, String problem) {
        return JsonFile.corrupt(file, WHAT, problem);
    }

}
