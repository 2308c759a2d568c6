package dev.mfa4j.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Reads how a jar (or classes directory) registers its services, both ways: {@code provides} in
 * its {@code module-info.class} (the module path) and {@code META-INF/services} files (the class
 * path). A plugin must register the same implementations both ways, or it works on one path and
 * silently not on the other.
 *
 * @since 0.1.0
 */
public final class ServiceRegistrations {

    private ServiceRegistrations() {
    }

    /**
     * @param type a class
     * @return the jar or classes directory it was loaded from
     * @throws IllegalArgumentException if the class has no such location (a JDK class)
     */
    public static Path locationOf(Class<?> type) {
        var source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalArgumentException(type.getName() + " was not loaded from a jar or directory");
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot locate " + type.getName(), e);
        }
    }

    /**
     * @param location a jar or classes directory
     * @return service interface name to implementation class names, from {@code module-info.class};
     *     empty if there is none
     */
    public static Map<String, Set<String>> fromModuleDescriptor(Path location) {
        return read(location, root -> {
            Path descriptor = root.resolve("module-info.class");
            Map<String, Set<String>> provides = new TreeMap<>();
            if (Files.exists(descriptor)) {
                try (InputStream in = Files.newInputStream(descriptor)) {
                    for (ModuleDescriptor.Provides p : ModuleDescriptor.read(in).provides()) {
                        provides.put(p.service(), new TreeSet<>(p.providers()));
                    }
                }
            }
            return provides;
        });
    }

    /**
     * @param location a jar or classes directory
     * @return service interface name to implementation class names, from
     *     {@code META-INF/services}; comments and blank lines ignored
     */
    public static Map<String, Set<String>> fromServiceFiles(Path location) {
        return read(location, root -> {
            Path services = root.resolve("META-INF/services");
            Map<String, Set<String>> registered = new TreeMap<>();
            if (Files.isDirectory(services)) {
                try (Stream<Path> files = Files.list(services)) {
                    for (Path file : files.toList()) {
                        Set<String> names = new TreeSet<>();
                        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                            String name = line.replaceAll("#.*", "").strip();
                            if (!name.isEmpty()) {
                                names.add(name);
                            }
                        }
                        registered.put(file.getFileName().toString(), names);
                    }
                }
            }
            return registered;
        });
    }

    /**
     * Checks that a jar or classes directory registers the same services both ways.
     *
     * @param location a jar or classes directory with a {@code module-info.class}
     * @throws AssertionError naming each service whose two registrations differ, or if there is no
     *     module descriptor
     */
    public static void assertBothWaysAgree(Path location) {
        Map<String, Set<String>> provides = fromModuleDescriptor(location);
        Map<String, Set<String>> files = fromServiceFiles(location);
        if (provides.isEmpty() && !Files.exists(location.resolve("module-info.class")) && !isJarWithDescriptor(location)) {
            throw new AssertionError(location + " has no module-info.class: its services work on the class path only");
        }
        if (!provides.equals(files)) {
            throw new AssertionError("services registered in " + location + " differ: module-info provides " + provides
                    + " but META-INF/services lists " + files);
        }
    }

    private static boolean isJarWithDescriptor(Path location) {
        return !Files.isDirectory(location) && read(location, root -> Files.exists(root.resolve("module-info.class")));
    }

    private interface Reader<T> {
        T read(Path root) throws IOException;
    }

    private static <T> T read(Path location, Reader<T> reader) {
        try {
            if (Files.isDirectory(location)) {
                return reader.read(location);
            }
            try (FileSystem jar = FileSystems.newFileSystem(location)) {
                return reader.read(jar.getPath("/"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + location, e);
        }
    }
}
