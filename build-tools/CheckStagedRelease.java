import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks a staged release (a Maven repository on disk, as {@code deploy} wrote it) against Maven
 * Central's publishing rules, and fails on any miss. It reads which artifacts are published from
 * the BOM: every dev.mfa4j dependency the BOM manages, the BOM itself, and the parents of those
 * POMs. A new published module is picked up once the BOM lists it.
 *
 * <p>Rules (https://central.sonatype.org/publish/requirements/): a jar has its {@code -sources}
 * and {@code -javadoc} jars; every file has an {@code .asc} signature and {@code .md5} and
 * {@code .sha1} checksums (which must match); every POM has name, description, url, licenses,
 * developers and scm (url, connection), its own or from a parent; a release depends on no
 * snapshot. Ours on top: every published POM and jar has a CycloneDX SBOM; the javadoc jar has
 * pages and the sources jar has sources; nothing else of ours is in the repository (an example
 * or a test module that forgot {@code maven.deploy.skip}). Whether each {@code .asc} is a good
 * signature is gpg's job ({@code .ci/stage-release.sh} runs {@code gpg --verify}).
 *
 * <p>Run with the JDK alone: {@code java build-tools/CheckStagedRelease.java REPO BOM_POM}.
 * Exit code 0 when every rule holds, 1 with one line per miss otherwise, 2 on bad usage.
 */
public final class CheckStagedRelease {

    private static final String GROUP = "dev.mfa4j";
    private static final List<String> CHECKSUMS = List.of("md5", "sha1");
    private static final List<String> SBOM_EXTENSIONS = List.of("json", "xml");

    private final Path repository;
    private final List<String> misses = new ArrayList<>();
    private int filesChecked;

    private CheckStagedRelease(Path repository) {
        this.repository = repository;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java build-tools/CheckStagedRelease.java STAGED_REPOSITORY BOM_POM");
            System.exit(2);
        }
        Path repository = Path.of(args[0]);
        Path bomPom = Path.of(args[1]);
        if (!Files.isDirectory(repository) || !Files.isRegularFile(bomPom)) {
            System.err.println("no staged repository at " + repository + " or no BOM at " + bomPom);
            System.exit(2);
        }
        CheckStagedRelease check = new CheckStagedRelease(repository);
        Set<String> checked = check.run(bomPom);
        if (check.misses.isEmpty()) {
            System.out.println("Staged release meets Central's rules: " + checked.size() + " artifacts (" + String.join(", ", checked)
                    + "), " + check.filesChecked + " files");
            return;
        }
        check.misses.forEach(miss -> System.err.println("FAIL " + miss));
        System.err.println(check.misses.size() + " problem(s) in the staged release at " + repository);
        System.exit(1);
    }

    private Set<String> run(Path bomPom) throws Exception {
        Element bom = parse(bomPom);
        String version = text(bom, "version").orElseThrow(() -> new IllegalArgumentException("the BOM has no version"));
        Set<String> published = new LinkedHashSet<>();
        published.add(text(bom, "artifactId").orElseThrow());
        Element management = child(bom, "dependencyManagement").flatMap(m -> child(m, "dependencies")).orElseThrow(
                () -> new IllegalArgumentException("the BOM manages no dependencies"));
        for (Element dependency : children(management, "dependency")) {
            if (text(dependency, "groupId").orElse("").equals(GROUP)) {
                published.add(text(dependency, "artifactId").orElseThrow());
            }
        }

        Set<String> done = new LinkedHashSet<>();
        List<String> queue = new ArrayList<>(published);
        while (!queue.isEmpty()) {
            String artifactId = queue.remove(0);
            if (done.add(artifactId)) {
                checkArtifact(artifactId, version).ifPresent(parent -> queue.add(parent));
            }
        }
        checkNothingElseIsStaged(done);
        return done;
    }

    /** @return the artifactId of the POM's parent when it is one of ours, to be checked as well */
    private Optional<String> checkArtifact(String artifactId, String version) throws Exception {
        Path directory = repository.resolve(GROUP.replace('.', '/')).resolve(artifactId).resolve(version);
        if (!Files.isDirectory(directory)) {
            misses.add(GROUP + ":" + artifactId + ":" + version + " is not staged (no " + directory + ")");
            return Optional.empty();
        }
        String fileVersion = fileVersion(directory, artifactId, version);
        String base = artifactId + "-" + fileVersion;
        Path pomFile = directory.resolve(base + ".pom");
        if (!Files.isRegularFile(pomFile)) {
            misses.add(artifactId + ": no POM " + pomFile.getFileName());
            return Optional.empty();
        }
        Element pom = parse(pomFile);
        String packaging = text(pom, "packaging").orElse("jar");

        List<String> required = new ArrayList<>(List.of(base + ".pom"));
        SBOM_EXTENSIONS.forEach(extension -> required.add(base + "-cyclonedx." + extension));
        if (packaging.equals("jar")) {
            required.add(base + ".jar");
            required.add(base + "-sources.jar");
            required.add(base + "-javadoc.jar");
        }
        for (String name : required) {
            checkFile(artifactId, directory.resolve(name));
        }
        if (packaging.equals("jar")) {
            checkJarHolds(artifactId, directory.resolve(base + ".jar"), null);
            checkJarHolds(artifactId, directory.resolve(base + "-javadoc.jar"), "index.html");
            checkJarHolds(artifactId, directory.resolve(base + "-sources.jar"), ".java");
        }
        // Whatever else deploy attached (a test jar, a standalone jar) must be signed and summed too.
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith(base) && !isSidecar(name) && !required.contains(name)) {
                    checkFile(artifactId, file);
                }
            }
        }
        checkPomFields(artifactId, pom);
        if (!version.endsWith("-SNAPSHOT") && Files.readString(pomFile).contains("-SNAPSHOT")) {
            misses.add(artifactId + ": the release POM names a -SNAPSHOT version");
        }
        return child(pom, "parent").filter(parent -> text(parent, "groupId").orElse("").equals(GROUP))
                .flatMap(parent -> text(parent, "artifactId"));
    }

    /** A release's files carry its version; a snapshot's carry the timestamp deploy gave them. */
    private String fileVersion(Path directory, String artifactId, String version) throws Exception {
        if (!version.endsWith("-SNAPSHOT")) {
            return version;
        }
        Path metadata = directory.resolve("maven-metadata.xml");
        if (!Files.isRegularFile(metadata)) {
            misses.add(artifactId + ": a snapshot without maven-metadata.xml");
            return version;
        }
        Element versioning = child(parse(metadata), "versioning").orElseThrow();
        Element snapshot = child(versioning, "snapshot").orElseThrow();
        return version.substring(0, version.length() - "SNAPSHOT".length()) + text(snapshot, "timestamp").orElseThrow() + "-"
                + text(snapshot, "buildNumber").orElseThrow();
    }

    private static boolean isSidecar(String name) {
        return name.endsWith(".asc") || name.endsWith(".md5") || name.endsWith(".sha1") || name.endsWith(".sha256")
                || name.endsWith(".sha512");
    }

    /** The file, its signature, and its checksums, which must match its bytes. */
    private void checkFile(String artifactId, Path file) throws IOException {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            misses.add(artifactId + ": " + name);
            return;
        }
        filesChecked++;
        if (!Files.isRegularFile(file.resolveSibling(name + ".asc"))) {
            misses.add(artifactId + ": " + name + ".asc (signature)");
        }
        byte[] content = Files.readAllBytes(file);
        for (String algorithm : CHECKSUMS) {
            Path sum = file.resolveSibling(name + "." + algorithm);
            if (!Files.isRegularFile(sum)) {
                misses.add(artifactId + ": " + name + "." + algorithm);
                continue;
            }
            String expected = digest(algorithm, content);
            String written = Files.readString(sum).trim().split("\\s+")[0];
            if (!written.equalsIgnoreCase(expected)) {
                misses.add(artifactId + ": " + name + "." + algorithm + " does not match the file");
            }
        }
    }

    /** A readable jar, holding an entry whose name ends with the suffix, unless that is null. */
    private void checkJarHolds(String artifactId, Path jar, String suffix) throws IOException {
        if (!Files.isRegularFile(jar)) {
            return;   // already reported
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            if (suffix != null && zip.stream().noneMatch(entry -> entry.getName().endsWith(suffix))) {
                misses.add(artifactId + ": " + jar.getFileName() + " holds no " + suffix);
            }
        } catch (ZipException e) {
            misses.add(artifactId + ": " + jar.getFileName() + " is not a jar (" + e.getMessage() + ")");
        }
    }

    /** Central reads these from the POM or its parents; name and description must be the module's own. */
    private void checkPomFields(String artifactId, Element pom) throws Exception {
        for (String own : List.of("name", "description")) {
            if (text(pom, own).filter(value -> !value.isBlank()).isEmpty()) {
                misses.add(artifactId + ": POM <" + own + ">");
            }
        }
        List<Element> chain = lineage(pom);
        requireSomewhere(artifactId, chain, "url", element -> text(element, "url"));
        requireSomewhere(artifactId, chain, "licenses/license/name",
                element -> child(element, "licenses").flatMap(l -> child(l, "license")).flatMap(l -> text(l, "name")));
        requireSomewhere(artifactId, chain, "developers/developer",
                element -> child(element, "developers").flatMap(d -> child(d, "developer"))
                        .flatMap(d -> text(d, "name").or(() -> text(d, "id"))));
        requireSomewhere(artifactId, chain, "scm/url", element -> child(element, "scm").flatMap(s -> text(s, "url")));
        requireSomewhere(artifactId, chain, "scm/connection", element -> child(element, "scm").flatMap(s -> text(s, "connection")));
        requireSomewhere(artifactId, chain, "issueManagement/url",
                element -> child(element, "issueManagement").flatMap(i -> text(i, "url")));
    }

    private void requireSomewhere(String artifactId, List<Element> chain, String what, Field field) {
        if (chain.stream().map(field::of).flatMap(Optional::stream).noneMatch(value -> !value.isBlank())) {
            misses.add(artifactId + ": POM <" + what + "> (neither its own nor a parent's)");
        }
    }

    private interface Field {
        Optional<String> of(Element pom);
    }

    /** The POM, then its parents as staged (ours) — a parent from elsewhere ends the chain. */
    private List<Element> lineage(Element pom) throws Exception {
        List<Element> chain = new ArrayList<>(List.of(pom));
        Element current = pom;
        while (chain.size() < 10) {
            Optional<Element> parent = child(current, "parent");
            if (parent.isEmpty() || !text(parent.get(), "groupId").orElse("").equals(GROUP)) {
                break;
            }
            String artifactId = text(parent.get(), "artifactId").orElseThrow();
            String version = text(parent.get(), "version").orElseThrow();
            Path directory = repository.resolve(GROUP.replace('.', '/')).resolve(artifactId).resolve(version);
            Path parentPom = directory.resolve(artifactId + "-" + fileVersion(directory, artifactId, version) + ".pom");
            if (!Files.isRegularFile(parentPom)) {
                misses.add("parent " + artifactId + ":" + version + " is not staged");
                break;
            }
            current = parse(parentPom);
            chain.add(current);
        }
        return chain;
    }

    private void checkNothingElseIsStaged(Set<String> published) throws IOException {
        Path group = repository.resolve(GROUP.replace('.', '/'));
        if (!Files.isDirectory(group)) {
            return;
        }
        Set<String> staged = new TreeSet<>();
        try (Stream<Path> artifacts = Files.list(group)) {
            artifacts.filter(Files::isDirectory).forEach(directory -> staged.add(directory.getFileName().toString()));
        }
        staged.removeAll(published);
        staged.forEach(extra -> misses.add(extra + " is staged but is not in the BOM: publish it (add it to mfa-bom) or set "
                + "maven.deploy.skip in its POM"));
    }

    private static String digest(String algorithm, byte[] content) {
        try {
            String name = algorithm.equals("sha1") ? "SHA-1" : algorithm.toUpperCase();
            return HexFormat.of().formatHex(MessageDigest.getInstance(name).digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Element parse(Path xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (InputStream in = Files.newInputStream(xml)) {
            Document document = factory.newDocumentBuilder().parse(in);
            return document.getDocumentElement();
        }
    }

    private static Optional<Element> child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static Optional<String> text(Element parent, String name) {
        return child(parent, name).map(element -> element.getTextContent().trim());
    }
}
