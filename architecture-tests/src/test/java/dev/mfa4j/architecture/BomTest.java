package dev.mfa4j.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The BOM has no parent (see its pom), so its versions are checked here against the reactor's.
 * Which modules are published is read from the reactor: every module of the root POM whose POM
 * does not set {@code maven.deploy.skip}, except POM-only modules (the BOM itself, and parents
 * such as mfa-spring-parent, which are published as the parents of what the BOM lists). The staged-release check and the
 * consumer tests take the published modules from the BOM, so a module missing here would be
 * missing from the release.
 */
class BomTest {

    private static final Pattern DEPENDENCY = Pattern.compile(
            "<dependency>\\s*<groupId>dev\\.mfa4j</groupId>\\s*<artifactId>([^<]+)</artifactId>\\s*<version>([^<]+)</version>");
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    /** The module's own artifactId: the first after its parent, comments skipped. */
    private static final Pattern ARTIFACT_ID = Pattern.compile("</parent>\\s*(?:<!--.*?-->\\s*)*<artifactId>([^<]+)</artifactId>",
            Pattern.DOTALL);
    private static final Pattern NOT_PUBLISHED = Pattern.compile("<maven\\.deploy\\.skip>\\s*true\\s*</maven\\.deploy\\.skip>");
    private static final Pattern POM_ONLY = Pattern.compile("<packaging>\\s*pom\\s*</packaging>");

    @Test
    void theBomListsEveryPublishedModuleAtTheReactorVersion() throws Exception {
        Path bomPom = Path.of(System.getProperty("bom.path"));
        String bom = Files.readString(bomPom);
        String version = System.getProperty("project.version");
        List<String> listed = new ArrayList<>();
        Matcher m = DEPENDENCY.matcher(bom);
        while (m.find()) {
            listed.add(m.group(1));
            assertThat(m.group(2)).as(m.group(1)).isEqualTo(version);
        }

        assertThat(bom).contains("<version>" + version + "</version>");
        assertThat(listed).containsExactlyInAnyOrderElementsOf(publishedModules(bomPom.getParent().getParent()))
                .contains("mfa-api", "mfa-core", "mfa-provider-duo", "mfa-provider-totp", "mfa-testkit", "mfa-store-jdbc", "mfa-micrometer",
                        "mfa-spring-boot-starter", "mfa-spring-security");
    }

    private static List<String> publishedModules(Path root) throws Exception {
        List<String> published = new ArrayList<>();
        Matcher module = MODULE.matcher(Files.readString(root.resolve("pom.xml")));
        while (module.find()) {
            String pom = Files.readString(root.resolve(module.group(1)).resolve("pom.xml"));
            Matcher artifactId = ARTIFACT_ID.matcher(pom);
            if (artifactId.find() && !NOT_PUBLISHED.matcher(pom).find() && !POM_ONLY.matcher(pom).find()) {
                published.add(artifactId.group(1));
            }
        }
        return published;
    }
}
