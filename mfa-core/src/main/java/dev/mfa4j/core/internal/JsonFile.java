package dev.mfa4j.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mfa4j.api.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reading and writing mfa4j's JSON files ({@link StoreFile}, {@link AttemptFile}): strict
 * reading, one layout, and errors that name the file and the position, never the content.
 */
final class JsonFile {

    /** Strict reading (no repeated keys, nothing after the document); for both store files. */
    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The layout both store files are written in. */
    static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));

    private JsonFile() {
    }

    /**
     * Reads one of mfa4j's JSON files: the whole file, which must be a JSON object whose
     * {@code Format} is {@code format}.
     *
     * @param file the file
     * @param what what the file is, for messages, such as "MFA store file"
     * @param format the expected {@code Format}
     * @return the root object, or empty if the file does not exist
     * @throws StoreException naming the file and the position, never the content, if it cannot be
     *     read or is not such a file
     */
    static Optional<JsonNode> readDocument(Path file, String what, String format) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException("cannot read the " + what + " " + file + ": " + e.getClass().getSimpleName(), e);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw corrupt(file, what, "it is not valid JSON" + at(e.getLocation()));
        } catch (IOException e) {
            throw new StoreException("cannot read the " + what + " " + file + ": " + e.getClass().getSimpleName(), e);
        }
        if (root == null || !root.isObject()) {
            throw corrupt(file, what, "it is not a JSON object");
        }
        JsonNode formatNode = root.path("Format");
        if (!formatNode.isTextual() || !format.equals(formatNode.textValue())) {
            throw corrupt(file, what, "its Format is not " + format);
        }
        return Optional.of(root);
    }

    /**
     * @param file the file
     * @param what what the file is, for messages
     * @param root the document
     * @param field a top-level field that holds an array, or is absent
     * @return its elements; none if absent
     * @throws StoreException naming the file if the field is not an array
     */
    static Iterable<JsonNode> array(Path file, String what, JsonNode root, String field) {
        JsonNode node = root.path(field);
        if (node.isMissingNode()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw corrupt(file, what, field + " is not an array");
        }
        return node;
    }

    /**
     * @param file the file
     * @param what what the file is
     * @param problem what is wrong with it
     * @return an exception saying the file is left as it is
     */
    static StoreException corrupt(Path file, String what, String problem) {
        return new StoreException("the " + what + " " + file + " is not valid: " + problem + "; it was left as it is (fix or move it away)");
    }

    static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
