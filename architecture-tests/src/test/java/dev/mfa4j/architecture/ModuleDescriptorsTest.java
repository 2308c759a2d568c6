package dev.mfa4j.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.ReferencedClassObject;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.mfa4j.testkit.ServiceRegistrations;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tests run on the class path (WireMock and friends are not modular), so this test checks the
 * module path separately: every published module's descriptor resolves against the real jars,
 * exports no internal package, and registers its services the same way for both paths.
 */
class ModuleDescriptorsTest {

    /** Our modules' classes directories (or jars), by module name. */
    private static final Map<String, Path> OURS = new LinkedHashMap<>();
    private static final List<Path> CLASS_PATH = new ArrayList<>();

    @BeforeAll
    static void findOurModules() {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            CLASS_PATH.add(path);
            // Our modules arrive as jars in a full build, or as classes directories.
            explicitModule(path).map(ModuleDescriptor::name).filter(name -> name.startsWith("dev.mfa4j"))
                    .ifPresent(name -> OURS.put(name, path));
        }
    }

    private static Optional<ModuleDescriptor> explicitModule(Path path) {
        try {
            return ModuleFinder.of(path).findAll().stream().map(reference -> reference.descriptor())
                    .filter(descriptor -> !descriptor.isAutomatic()).findFirst();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Test
    void everyPublishedModuleIsHere() {
        assertThat(OURS.keySet()).contains("dev.mfa4j.api", "dev.mfa4j.core", "dev.mfa4j.duo", "dev.mfa4j.totp", "dev.mfa4j.testkit",
                "dev.mfa4j.store.jdbc", "dev.mfa4j.examples.totp");
    }

    @Test
    void everyModuleResolvesOnTheModulePath() {
        // Only jars with an explicit or derivable module name take part, as on a real module path.
        List<Path> modular = CLASS_PATH.stream().filter(ModuleDescriptorsTest::usableAsModule).toList();
        ModuleFinder finder = ModuleFinder.of(modular.toArray(Path[]::new));

        Configuration configuration = Configuration.resolve(finder, List.of(ModuleLayer.boot().configuration()), ModuleFinder.of(),
                OURS.keySet());

        assertThat(configuration.modules()).extracting(m -> m.name()).containsAll(OURS.keySet());
    }

    @Test
    void noModuleExportsAnInternalPackage() {
        OURS.forEach((name, path) -> {
            ModuleDescriptor descriptor = descriptor(path);
            assertThat(descriptor.exports()).as(name).noneMatch(e -> e.source().contains(".internal"));
            assertThat(descriptor.packages()).as(name + " has packages").isNotEmpty();
        });
    }

    @Test
    void everyModuleRegistersItsServicesBothWays() {
        OURS.values().forEach(ServiceRegistrations::assertBothWaysAgree);
        assertThat(ServiceRegistrations.fromModuleDescriptor(OURS.get("dev.mfa4j.testkit")))
                .containsEntry("dev.mfa4j.api.spi.MfaProvider", Set.of("dev.mfa4j.testkit.FakeMfaProvider"));
        assertThat(ServiceRegistrations.fromModuleDescriptor(OURS.get("dev.mfa4j.totp")))
                .containsEntry("dev.mfa4j.api.spi.MfaProvider", Set.of("dev.mfa4j.totp.TotpProvider"));
        assertThat(ServiceRegistrations.fromModuleDescriptor(OURS.get("dev.mfa4j.examples.totp")))
                .containsEntry("dev.mfa4j.api.spi.MfaProvider", Set.of("dev.mfa4j.examples.totp.TotpProvider"));
    }

    @Test
    void theExamplePluginNeedsMfaApiOnly() {
        ModuleDescriptor totp = descriptor(OURS.get("dev.mfa4j.examples.totp"));

        assertThat(totp.requires()).extracting(ModuleDescriptor.Requires::name)
                .containsExactlyInAnyOrder("java.base", "dev.mfa4j.api");
        assertThat(totp.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("dev.mfa4j.examples.totp");
    }

    @Test
    void theTotpProviderNeedsMfaApiAndZxingOnlyAndNoJavaDesktop() {
        ModuleDescriptor totp = descriptor(OURS.get("dev.mfa4j.totp"));

        assertThat(totp.requires()).extracting(ModuleDescriptor.Requires::name)
                .containsExactlyInAnyOrder("java.base", "dev.mfa4j.api", "com.google.zxing");
        assertThat(totp.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("dev.mfa4j.totp");
    }

    @Test
    void coreUsesTheProviderService() {
        assertThat(descriptor(OURS.get("dev.mfa4j.core")).uses()).contains("dev.mfa4j.api.spi.MfaProvider",
                "dev.mfa4j.api.event.MfaEventListener");
    }

    /**
     * On the module path, ServiceLoader.load throws for a service the calling module does not
     * declare with {@code uses}; on the class path, where every test runs, nothing notices. So
     * each module's {@code uses} must equal the services its code looks up: the class literals in
     * every method that calls ServiceLoader.
     */
    @Test
    void everyModuleDeclaresExactlyTheServicesItLoads() {
        OURS.forEach((name, path) -> {
            Set<String> loaded = servicesLoadedBy(importClasses(path));
            assertThat(new TreeSet<>(descriptor(path).uses())).as("uses of " + name + " (from its ServiceLoader calls)")
                    .isEqualTo(loaded);
        });
        assertThat(servicesLoadedBy(importClasses(OURS.get("dev.mfa4j.core"))))
                .as("the check finds mfa-core's lookups").contains("dev.mfa4j.api.spi.MfaProvider", "dev.mfa4j.api.event.MfaEventListener");
    }

    private static Set<String> servicesLoadedBy(JavaClasses classes) {
        Set<String> services = new TreeSet<>();
        for (JavaClass javaClass : classes) {
            for (JavaCodeUnit codeUnit : javaClass.getCodeUnits()) {
                boolean looksUpServices = codeUnit.getMethodCallsFromSelf().stream()
                        .anyMatch(call -> call.getTargetOwner().isEquivalentTo(ServiceLoader.class)
                                && call.getName().startsWith("load"));
                if (looksUpServices) {
                    codeUnit.getReferencedClassObjects().stream().map(ReferencedClassObject::getRawType)
                            .map(JavaClass::getName).forEach(services::add);
                }
            }
        }
        return services;
    }

    private static JavaClasses importClasses(Path location) {
        ClassFileImporter importer = new ClassFileImporter();
        if (Files.isDirectory(location)) {
            return importer.importPath(location);
        }
        try (JarFile jar = new JarFile(location.toFile())) {
            return importer.importJar(jar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ModuleDescriptor descriptor(Path location) {
        return explicitModule(location).orElseThrow(() -> new AssertionError("no module descriptor in " + location));
    }

    private static boolean usableAsModule(Path path) {
        try {
            return !ModuleFinder.of(path).findAll().isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
