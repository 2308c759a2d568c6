package dev.mfa4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentTest {

    @Test
    void theHomeDirectoryIsHomeWhenItIsSetAsCommandLineToolsReadIt() {
        assertThat(Environment.home("/x", "/home/java")).isEqualTo(Path.of("/x"));
        assertThat(Environment.home(null, "/home/java")).isEqualTo(Path.of("/home/java"));
        assertThat(Environment.home("  ", "/home/java")).isEqualTo(Path.of("/home/java"));
    }

    @Test
    void theDefaultStoreIsInTheHomeDirectory() {
        Environment environment = new Environment(Map.of(), Environment.home("/x", "/home/java"), Terminal.none());

        assertThat(environment.storeFile(null)).isEqualTo(Path.of("/x/.mfa4j/store.json"));
    }
}
