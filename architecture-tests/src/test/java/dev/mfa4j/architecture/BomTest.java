package dev.mfa4j.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The BOM has no parent (see its pom), so its versions are checked here against the reactor's. */
class BomTest {

    private static final Pattern DEPENDENCY = Pattern.compile(
            "<dependency>\\s*<groupId>dev\\.mfa4j</groupId>\\s*<artifactId>([^<]+)</artifactId>\\s*<version>([^<]+)</version>");

    @Test
    void theBomListsEveryPublishedModuleAtTheReactorVersion() throws Exception {
        String bom = Files.readString(Path.of(System.getProperty("bom.path")));
        String version = System.getProperty("project.version");
        List<String> listed = new ArrayList<>();
        Matcher m = DEPENDENCY.matcher(bom);
        while (m.find()) {
            listed.add(m.group(1));
            assertThat(m.group(2)).as(m.group(1)).isEqualTo(version);
        }

        assertThat(bom).contains("<version>" + version + "</version>");
        assertThat(listed).containsExactlyInAnyOrder("mfa-api", "mfa-core", "mfa-provider-duo", "mfa-testkit", "mfa-store-jdbc",
                "mfa-micrometer", "mfa-spring-boot-starter", "mfa-spring-security");
    }
}
