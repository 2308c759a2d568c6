package dev.mfa4j.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.testkit.ServiceRegistrations;
import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * architecture-tests checks the core modules' descriptors; this application has the Spring ones on
 * its class path (with the Spring versions they need), so it checks theirs: each resolves on the
 * module path against the real jars, exports no internal package, and registers its services the
 * same way both ways.
 */
class ModulePathTest {

    private static final Set<String> SPRING_MODULES = Set.of("dev.mfa4j.micrometer", "dev.mfa4j.spring.security", "dev.mfa4j.spring.boot");

    @Test
    void theSpringModulesResolveOnTheModulePathAndKeepTheirInternalsToThemselves() {
        Map<String, Path> ours = new LinkedHashMap<>();
        Map<String, Path> modules = new LinkedHashMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            Optional<ModuleDescriptor> descriptor = descriptor(path);
            descriptor.filter(d -> SPRING_MODULES.contains(d.name())).ifPresent(d -> ours.put(d.name(), path));
            descriptor.map(ModuleDescriptor::name).or(() -> automaticName(path)).ifPresent(name -> modules.putIfAbsent(name, path));
        }
        assertThat(ours.keySet()).containsExactlyInAnyOrderElementsOf(SPRING_MODULES);

        // Only what our modules need, as a real module path would hold: the test class path also
        // has test libraries whose packages overlap.
        List<Path> needed = new ArrayList<>();
        java.util.Deque<String> toVisit = new java.util.ArrayDeque<>(SPRING_MODULES);
        Set<String> seen = new java.util.HashSet<>();
        while (!toVisit.isEmpty()) {
            String name = toVisit.pop();
            Path path = modules.get(name);
            if (!seen.add(name) || path == null) {
                continue;   // a JDK module, or one seen
            }
            needed.add(path);
            descriptor(path).ifPresent(d -> d.requires().stream()
                    .filter(r -> !r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
                    .forEach(r -> toVisit.push(r.name())));
        }

        Configuration configuration = Configuration.resolve(ModuleFinder.of(needed.toArray(Path[]::new)),
                List.of(ModuleLayer.boot().configuration()), ModuleFinder.of(), SPRING_MODULES);

        assertThat(configuration.modules()).extracting(m -> m.name()).containsAll(SPRING_MODULES);
        ours.forEach((name, path) -> {
            ModuleDescriptor descriptor = descriptor(path).orElseThrow();
            assertThat(descriptor.exports()).as(name).noneMatch(e -> e.source().contains(".internal"));
            ServiceRegistrations.assertBothWaysAgree(path);
        });
    }

    private static Optional<ModuleDescriptor> descriptor(Path path) {
        try {
            return ModuleFinder.of(path).findAll().stream().map(reference -> reference.descriptor()).filter(d -> !d.isAutomatic())
                    .findFirst();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> automaticName(Path path) {
        try {
            return ModuleFinder.of(path).findAll().stream().map(reference -> reference.descriptor()).filter(ModuleDescriptor::isAutomatic)
                    .map(ModuleDescriptor::name).findFirst();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
