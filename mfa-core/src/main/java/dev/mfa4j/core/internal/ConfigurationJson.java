package dev.mfa4j.core.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.mfa4j.api.InvalidConfigurationException;
import dev.mfa4j.api.InvalidConfigurationException.Violation;
import dev.mfa4j.api.MfaConfiguration;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads and writes configurations in the JSON document format of the {@code mfa} command line and its files:
 * {@code {"Type": "duo", "Name": "...", "Options": {...}}}.
 *
 * <p>Reading is a hand-rolled walk over Jackson's streaming parser rather than data binding, so
 * that every problem gets a message naming the field, and no message ever quotes the input: a
 * malformed value next to a secret would otherwise end up in an exception text. Top-level keys are
 * matched without regard to case ({@code Type} and {@code type}); the same key twice, in any case,
 * is refused.
 */
public final class ConfigurationJson {

    /** The largest document read, in UTF-8 bytes. */
    public static final int MAX_DOCUMENT_BYTES = 64 * 1024;
    /** The deepest nesting read; a configuration needs two levels. */
    public static final int MAX_NESTING_DEPTH = 8;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxStringLength(MAX_DOCUMENT_BYTES)
                    .maxNumberLength(20)
                    .build())
            .build();

    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));

    private ConfigurationJson() {
    }

    /**
     * @param json one configuration object
     * @return its fields, each present only if given
     * @throws InvalidConfigurationException listing every problem found
     */
    public static ConfigurationDocument read(String json) {
        int bytes = utf8Length(json);
        if (bytes > MAX_DOCUMENT_BYTES) {
            throw new InvalidConfigurationException("document", "is " + bytes + " bytes; a configuration document has at most "
                    + MAX_DOCUMENT_BYTES);
        }
        List<Violation> violations = new ArrayList<>();
        ConfigurationDocument document;
        try (JsonParser parser = FACTORY.createParser(json)) {
            document = readDocument(parser, violations);
        } catch (StreamConstraintsException e) {
            throw new InvalidConfigurationException("document", "nests deeper than " + MAX_NESTING_DEPTH + " levels" + at(e.getLocation()));
        } catch (JsonProcessingException e) {
            throw new InvalidConfigurationException("document", "is not valid JSON" + at(e.getLocation()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!violations.isEmpty()) {
            throw new InvalidConfigurationException(violations);
        }
        return document;
    }

    private static ConfigurationDocument readDocument(JsonParser parser, List<Violation> violations) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new InvalidConfigurationException("document", "must be a JSON object with Type, Name and Options");
        }
        Map<String, String> seen = new LinkedHashMap<>();
        String name = null;
        String type = null;
        Map<String, String> options = null;
        Long revision = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken value = parser.nextToken();
            String canonical = switch (key.toLowerCase(Locale.ROOT)) {
                case "name" -> "Name";
                case "type" -> "Type";
                case "options" -> "Options";
                case "revision" -> "Revision";
                default -> null;
            };
            if (canonical == null) {
                violations.add(new Violation(printable(key), "is not a configuration field; expected Type, Name, Options (and Revision)"));
                parser.skipChildren();
                continue;
            }
            String earlier = seen.putIfAbsent(canonical, key);
            if (earlier != null) {
                violations.add(new Violation(canonical, "is given twice (as '" + printable(earlier) + "' and '" + printable(key)
                        + "'); keys are matched without regard to case"));
                parser.skipChildren();
                continue;
            }
            switch (canonical) {
                case "Name" -> name = stringValue(parser, value, "Name", violations);
                case "Type" -> type = stringValue(parser, value, "Type", violations);
                case "Options" -> options = readOptions(parser, value, violations);
                default -> revision = revisionValue(parser, value, violations);
            }
        }
        if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
            throw new InvalidConfigurationException("document", "has content after the configuration object" + at(parser.currentLocation()));
        }
        return new ConfigurationDocument(Optional.ofNullable(name), Optional.ofNullable(type).map(t -> t.toLowerCase(Locale.ROOT)),
                Optional.ofNullable(options), revision == null ? OptionalLong.empty() : OptionalLong.of(revision));
    }

    private static Map<String, String> readOptions(JsonParser parser, JsonToken token, List<Violation> violations) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            violations.add(new Violation("Options", "must be a JSON object of option names to string values, not " + describe(token)));
            parser.skipChildren();
            return null;
        }
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, String> seenLowerCase = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken value = parser.nextToken();
            String field = "Options." + printable(key);
            String earlier = seenLowerCase.putIfAbsent(key.toLowerCase(Locale.ROOT), key);
            if (earlier != null) {
                violations.add(new Violation(field, "is given twice (as '" + printable(earlier) + "' and '" + printable(key)
                        + "'); option names are matched without regard to case"));
                parser.skipChildren();
                continue;
            }
            String text = stringValue(parser, value, field, violations);
            if (text != null) {
                options.put(key, text);
            }
        }
        return options;
    }

    private static String stringValue(JsonParser parser, JsonToken token, String field, List<Violation> violations) throws IOException {
        if (token == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        violations.add(new Violation(field, "must be a JSON string, not " + describe(token)
                + (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE
                        ? " (put the value in quotes)" : "")));
        parser.skipChildren();
        return null;
    }

    private static Long revisionValue(JsonParser parser, JsonToken token, List<Violation> violations) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER
                && parser.getLongValue() >= 1) {
            return parser.getLongValue();
        }
        violations.add(new Violation("Revision", "must be a whole number of at least 1, not " + describe(token)));
        parser.skipChildren();
        return null;
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "a " + token.name().toLowerCase(Locale.ROOT);
        };
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** Keeps a user-written key safe to put in a message and a log line. */
    static String printable(String key) {
        StringBuilder out = new StringBuilder(Math.min(key.length(), 64));
        for (int i = 0; i < key.length() && i < 64; i++) {
            char c = key.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (key.length() > 64) {
            out.append("...");
        }
        return out.toString();
    }

    static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /**
     * @param configurations the configurations, already redacted as the caller may see them
     * @return a pretty-printed JSON array in the document format: Type, Name, Options, then Revision
     */
    public static String writeArray(List<MfaConfiguration> configurations) {
        return write(generator -> {
            generator.writeStartArray();
            for (MfaConfiguration configuration : configurations) {
                writeObject(generator, configuration);
            }
            generator.writeEndArray();
        });
    }

    /**
     * @param configuration the configuration, already redacted as the caller may see it
     * @return a pretty-printed JSON object in the document format
     */
    public static String writeObject(MfaConfiguration configuration) {
        return write(generator -> writeObject(generator, configuration));
    }

    static void writeObject(JsonGenerator generator, MfaConfiguration configuration) throws IOException {
        generator.writeStartObject();
        generator.writeStringField("Type", configuration.type());
        generator.writeStringField("Name", configuration.name());
        generator.writeObjectFieldStart("Options");
        for (Map.Entry<String, String> option : configuration.options().entrySet()) {
            generator.writeStringField(option.getKey(), option.getValue());
        }
        generator.writeEndObject();
        generator.writeNumberField("Revision", configuration.revision());
        generator.writeEndObject();
    }

    private interface Body {
        void write(JsonGenerator generator) throws IOException;
    }

    private static String write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            generator.setPrettyPrinter(PRETTY);
            body.write(generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
