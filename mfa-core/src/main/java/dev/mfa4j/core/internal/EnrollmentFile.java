package dev.mfa4j.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mfa4j.api.MfaException;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.StoreException;
import dev.mfa4j.api.spi.EnrollmentData;
import dev.mfa4j.api.spi.StoredEnrollment;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The file enrollment store's format. The file is one JSON object:
 *
 * <pre>{@code
 * {
 *   "Format": "mfa4j-enrollments/1",
 *   "Enrollments": [ {"Principal": "principal/internal/user/bob", "Slot": "provider/Authenticator", "Revision": 1,
 *                     "Updated": "2026-12-02T10:00:00Z", "Values": {"Secret": "mfa4j-sealed:v1:..."}, "Secrets": ["Secret"]} ]
 * }
 * }</pre>
 *
 * <p>Read errors name the file and the field, never a value. Writing goes through {@link AtomicFile}.
 */
public final class EnrollmentFile {

    /** The format marker of this version. */
    public static final String FORMAT = "mfa4j-enrollments/1";
    private static final String WHAT = "MFA enrollment file";

    private EnrollmentFile() {
    }

    /**
     * @param file the file
     * @return every enrollment in it; none if the file does not exist
     * @throws StoreException naming the file and the field if it is not a valid enrollment file
     */
    public static List<StoredEnrollment> read(Path file) {
        return JsonFile.readDocument(file, WHAT, FORMAT).map(root -> enrollments(file, root)).orElse(List.of());
    }

    private static List<StoredEnrollment> enrollments(Path file, JsonNode root) {
        List<StoredEnrollment> all = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        int index = 0;
        for (JsonNode node : JsonFile.array(file, WHAT, root, "Enrollments")) {
            String where = "Enrollments[" + index++ + "]";
            try {
                PrincipalId principal = PrincipalId.parse(text(file, node, where, "Principal"));
                String slot = text(file, node, where, "Slot");
                JsonNode revision = node.path("Revision");
                if (!revision.isIntegralNumber() || !revision.canConvertToLong() || revision.longValue() < 1) {
                    throw corrupt(file, where + ".Revision is not a whole number from 1 to " + Long.MAX_VALUE);
                }
                Instant updated = Instant.parse(text(file, node, where, "Updated"));
                Map<String, String> values = new LinkedHashMap<>();
                JsonNode valuesNode = node.path("Values");
                if (!valuesNode.isObject()) {
                    throw corrupt(file, where + ".Values is not an object");
                }
                for (Map.Entry<String, JsonNode> value : valuesNode.properties()) {
                    if (!value.getValue().isTextual()) {
                        throw corrupt(file, where + ".Values." + ConfigurationJson.printable(value.getKey()) + " is not a string");
                    }
                    values.put(value.getKey(), value.getValue().textValue());
                }
                Set<String> secrets = new LinkedHashSet<>();
                for (JsonNode secret : JsonFile.array(file, WHAT, node, "Secrets")) {
                    if (!secret.isTextual()) {
                        throw corrupt(file, where + ".Secrets holds something that is not a string");
                    }
                    secrets.add(secret.textValue());
                }
                StoredEnrollment enrollment = new StoredEnrollment(principal, slot, new EnrollmentData(values, secrets), revision.longValue(),
                        updated);
                if (!seen.add(principal.path() + "\n" + slot)) {
                    throw corrupt(file, where + " repeats the principal and slot of an earlier entry");
                }
                all.add(enrollment);
            } catch (StoreException e) {
                throw e;
            } catch (MfaException | IllegalArgumentException | DateTimeParseException e) {
                throw corrupt(file, where + " is invalid (" + e.getClass().getSimpleName() + ")");
            }
        }
        return all;
    }

    /**
     * Replaces the file's content, atomically.
     *
     * @param file the file
     * @param enrollments what it holds from now on
     * @throws StoreException if writing fails; the old file is then unchanged
     */
    public static void write(Path file, List<StoredEnrollment> enrollments) {
        ObjectNode root = JsonFile.MAPPER.createObjectNode();
        root.put("Format", FORMAT);
        ArrayNode array = root.putArray("Enrollments");
        enrollments.stream().sorted(Comparator.comparing((StoredEnrollment e) -> e.principal().path()).thenComparing(StoredEnrollment::slot))
                .forEach(enrollment -> {
                    ObjectNode node = array.addObject();
                    node.put("Principal", enrollment.principal().path());
                    node.put("Slot", enrollment.slot());
                    node.put("Revision", enrollment.revision());
                    node.put("Updated", enrollment.updated().toString());
                    ObjectNode values = node.putObject("Values");
                    enrollment.data().values().forEach(values::put);
                    ArrayNode secrets = node.putArray("Secrets");
                    enrollment.data().secrets().forEach(secrets::add);
                });
        try {
            AtomicFile.replace(file, JsonFile.MAPPER.writer(JsonFile.PRETTY).writeValueAsBytes(root), WHAT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("serializing the enrollment file failed", e);
        }
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
