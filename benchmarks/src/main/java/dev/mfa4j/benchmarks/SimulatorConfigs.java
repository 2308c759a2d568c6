package dev.mfa4j.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes the standalone simulator's JSON scenarios for benchmarks 3 and 4:
 *
 * <pre>
 * SimulatorConfigs passcodes FILE USERS CODES_PER_USER   users bench0.., passcodes 10000000 + j
 * SimulatorConfigs pushes FILE USERS                     users push0.., every push approved after 5 s
 * </pre>
 */
public final class SimulatorConfigs {

    private SimulatorConfigs() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[1]);
        int users = Integer.parseInt(args[2]);
        try (JsonGenerator json = new JsonFactory().createGenerator(file.toFile(), com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeArrayFieldStart("integrations");
            json.writeStartObject();
            json.writeStringField("ikey", BenchKeys.IKEY);
            json.writeStringField("skey", BenchKeys.SKEY);
            json.writeStringField("name", "benchmarks");
            json.writeEndObject();
            json.writeEndArray();
            json.writeArrayFieldStart("users");
            switch (args[0]) {
                case "passcodes" -> {
                    int codes = Integer.parseInt(args[3]);
                    for (int u = 0; u < users; u++) {
                        json.writeStartObject();
                        json.writeStringField("username", "bench" + u);
                        json.writeArrayFieldStart("passcodes");
                        for (int j = 0; j < codes; j++) {
                            json.writeString(Integer.toString(10_000_000 + j));
                        }
                        json.writeEndArray();
                        json.writeEndObject();
                    }
                }
                case "pushes" -> {
                    for (int u = 0; u < users; u++) {
                        json.writeStartObject();
                        json.writeStringField("username", "push" + u);
                        json.writeEndObject();
                    }
                }
                default -> throw new IllegalArgumentException("passcodes FILE USERS CODES | pushes FILE USERS");
            }
            json.writeEndArray();
            if (args[0].equals("pushes")) {
                json.writeStringField("defaultPush", "approve");
                json.writeStringField("defaultPushDelay", "PT5S");
            }
            json.writeNumberField("requestLogCapacity", 0);
            json.writeEndObject();
        }
    }
}
