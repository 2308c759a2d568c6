package dev.mfa4j.core.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mfa4j.api.StoreException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The file attempt store's format. The file is one JSON object:
 *
 * <pre>{@code
 * {
 *   "Format": "mfa4j-attempts/1",
 *   "Keys": [ {"Key": "principal/internal/user/bob", "Failures": 2, "LockedUntil": "2026-11-28T10:15:00Z",
 *              "PendingPush": "…", "PendingUntil": "…", "WindowStart": "…", "WindowPushes": 1} ],
 *   "UsedPasscodes": [ {"Scope": "…", "Fingerprint": "…", "ExpiresAt": "…"} ]
 * }
 * }</pre>
 *
 * <p>Fields of a key that hold nothing are left out. Read errors name the file and the field,
 * never a value. Writing goes through {@link AtomicFile}.
 */
public final class AttemptFile {

    /** The format marker of this version. */
    public static final String FORMAT = "mfa4j-attempts/1";

    private static final String WHAT = "MFA attempt file";

    /**
     * A passcode record's identity.
     *
     * @param scope the principal and configuration it was used for
     * @param fingerprint mfa-core's one-way digest of the passcode
     */
    public record Claim(String scope, String fingerprint) {
    }

    /**
     * Everything in the file, immutable; changes return a new content.
     *
     * @param records by key, sorted; no empty record
     * @param usedPasscodes when each passcode record expires
     */
    public record Content(Map<String, AttemptRecord> records, Map<Claim, Instant> usedPasscodes) {

        /** An empty file. */
        public static final Content EMPTY = new Content(Map.of(), Map.of());

        /**
         * @param records by key
         * @param usedPasscodes when each passcode record expires
         */
        public Content {
            records = Collections.unmodifiableMap(new TreeMap<>(records));
            usedPasscodes = Collections.unmodifiableMap(new LinkedHashMap<>(usedPasscodes));
        }

        /**
         * @param key a key
         * @return its record; {@link AttemptRecord#EMPTY} if none
         */
        public AttemptRecord record(String key) {
            return records.getOrDefault(key, AttemptRecord.EMPTY);
        }

        /**
         * @param key a key
         * @param record its new record; an empty one removes the key
         * @return the content with it
         */
        public Content with(String key, AttemptRecord record) {
            Map<String, AttemptRecord> next = new TreeMap<>(records);
            if (record.isEmpty()) {
                next.remove(key);
            } else {
                next.put(key, record);
            }
            return new Content(next, usedPasscodes);
        }

        /**
         * @param claim a passcode record
         * @param expiresAt when it expires; null removes it
         * @return the content with it
         */
        public Content with(Claim claim, Instant expiresAt) {
            Map<Claim, Instant> next = new LinkedHashMap<>(usedPasscodes);
            if (expiresAt == null) {
                next.remove(claim);
            } else {
                next.put(claim, expiresAt);
            }
            return new Content(records, next);
        }

        /**
         * @param now the current time
         * @return the content without the passcode records expired at {@code now}
         */
        public Content withoutExpiredClaims(Instant now) {
            Map<Claim, Instant> next = new LinkedHashMap<>(usedPasscodes);
            next.values().removeIf(expiry -> !expiry.isAfter(now));
            return next.size() == usedPasscodes.size() ? this : new Content(records, next);
        }
    }

    private AttemptFile() {
    }

    /**
     * @param file the attempt file
     * @return its content; {@link Content#EMPTY} if the file does not exist
     * @throws StoreException naming the file and what is wrong, if it cannot be read or is not a
     *     valid attempt file
     */
    public static Content read(Path file) {
        Optional<JsonNode> document = JsonFile.readDocument(file, WHAT, FORMAT);
        if (document.isEmpty()) {
            return Content.EMPTY;
        }
        JsonNode root = document.get();
        Map<String, AttemptRecord> records = new TreeMap<>();
        int index = 0;
        for (JsonNode node : JsonFile.array(file, WHAT, root, "Keys")) {
            String where = "Keys[" + index++ + "]";
            String key = text(file, node, where, "Key", true);
            String pendingPush = text(file, node, where, "PendingPush", false);
            Instant pendingUntil = instant(file, node, where, "PendingUntil");
            if ((pendingPush == null) != (pendingUntil == null)) {
                throw corrupt(file, where + " has only one of PendingPush and PendingUntil");
            }
            AttemptRecord record = new AttemptRecord(count(file, node, where, "Failures"), instant(file, node, where, "LockedUntil"),
                    pendingPush, pendingUntil, instant(file, node, where, "WindowStart"), count(file, node, where, "WindowPushes"));
            if (records.put(key, record) != null) {
                throw corrupt(file, where + " repeats the key of an earlier entry");
            }
        }
        Map<Claim, Instant> usedPasscodes = new LinkedHashMap<>();
        index = 0;
        for (JsonNode node : JsonFile.array(file, WHAT, root, "UsedPasscodes")) {
            String where = "UsedPasscodes[" + index++ + "]";
            Claim claim = new Claim(text(file, node, where, "Scope", true), text(file, node, where, "Fingerprint", true));
            Instant expiresAt = instant(file, node, where, "ExpiresAt");
            if (expiresAt == null) {
                throw corrupt(file, where + ".ExpiresAt is missing");
            }
            if (usedPasscodes.put(claim, expiresAt) != null) {
                throw corrupt(file, where + " repeats an earlier entry");
            }
        }
        return new Content(records, usedPasscodes);
    }

    /**
     * Replaces the file's content, atomically.
     *
     * @param file the attempt file
     * @param content the content to write
     * @throws StoreException if writing fails; the old file is then unchanged
     */
    public static void write(Path file, Content content) {
        AtomicFile.replace(file, serialize(content), WHAT);
    }

    private static byte[] serialize(Content content) {
        ObjectNode root = JsonFile.MAPPER.createObjectNode();
        root.put("Format", FORMAT);
        ArrayNode keys = root.putArray("Keys");
        content.records().forEach((key, record) -> {
            ObjectNode node = keys.addObject();
            node.put("Key", key);
            putIf(node, "Failures", record.failures());
            putIf(node, "LockedUntil", record.lockedUntil());
            if (record.pendingPush() != null) {
                node.put("PendingPush", record.pendingPush());
            }
            putIf(node, "PendingUntil", record.pendingUntil());
            putIf(node, "WindowStart", record.windowStart());
            putIf(node, "WindowPushes", record.windowPushes());
        });
        ArrayNode claims = root.putArray("UsedPasscodes");
        content.usedPasscodes().forEach((claim, expiresAt) -> claims.addObject()
                .put("Scope", claim.scope())
                .put("Fingerprint", claim.fingerprint())
                .put("ExpiresAt", expiresAt.toString()));
        try {
            return JsonFile.MAPPER.writer(JsonFile.PRETTY).writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("serializing the attempt file failed", e);
        }
    }

    private static void putIf(ObjectNode node, String field, int value) {
        if (value != 0) {
            node.put(field, value);
        }
    }

    private static void putIf(ObjectNode node, String field, Instant value) {
        if (value != null) {
            node.put(field, value.toString());
        }
    }

    private static String text(Path file, JsonNode node, String where, String field, boolean required) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() && !required) {
            return null;
        }
        if (!value.isTextual() || value.textValue().isEmpty()) {
            throw corrupt(file, where + "." + field + " is " + (required ? "missing, empty or " : "empty or ") + "not a string");
        }
        return value.textValue();
    }

    private static int count(Path file, JsonNode node, String where, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode()) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
            throw corrupt(file, where + "." + field + " is not a whole number of at least 0");
        }
        return value.intValue();
    }

    private static Instant instant(Path file, JsonNode node, String where, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode()) {
            return null;
        }
        try {
            if (value.isTextual()) {
                return Instant.parse(value.textValue());
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw corrupt(file, where + "." + field + " is not an ISO-8601 instant such as 2026-11-28T10:00:00Z");
    }

    private static StoreException corrupt(Path file, String problem) {
        return JsonFile.corrupt(file, WHAT, problem);
    }
}
