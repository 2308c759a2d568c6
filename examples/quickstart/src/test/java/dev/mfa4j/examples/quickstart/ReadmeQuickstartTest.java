package dev.mfa4j.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles and runs the README's quickstart block exactly as written, so the first code a user
 * copies keeps working.
 */
class ReadmeQuickstartTest {

    private static final Pattern BLOCK = Pattern.compile("<!-- quickstart:begin.*?-->\\s*```java\\n(.*?)```\\s*<!-- quickstart:end -->",
            Pattern.DOTALL);

    @TempDir
    Path work;

    @Test
    void theReadmeQuickstartCompilesRunsAndPrintsWhatItsCommentSays() throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("readme.path")));
        Matcher block = BLOCK.matcher(readme);
        assertThat(block.find()).as("README.md has a quickstart block").isTrue();

        List<String> imports = new ArrayList<>();
        List<String> body = new ArrayList<>();
        for (String line : block.group(1).split("\n")) {
            (line.startsWith("import ") ? imports : body).add(line);
        }
        assertThat(body.size()).as("about ten lines of code").isBetween(6, 14);
        String source = String.join("\n", imports) + "\n\npublic class ReadmeQuickstart {\n"
                + "    public static void main(String[] args) throws Exception {\n" + String.join("\n", body) + "\n    }\n}\n";
        Path file = work.resolve("ReadmeQuickstart.java");
        Files.writeString(file, source);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(null, diagnostics, diagnostics, "--release", "17", "-classpath", System.getProperty("java.class.path"),
                "-d", work.toString(), file.toString());
        assertThat(status).as("javac: " + diagnostics.toString(StandardCharsets.UTF_8)).isZero();

        String printed = run(work);
        String expected = body.stream().filter(l -> l.contains("System.out.println")).findFirst().orElseThrow()
                .replaceAll(".*// ", "").strip();
        assertThat(printed.strip()).isEqualTo(expected).isEqualTo("true APPROVED");
    }

    private static String run(Path classes) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                ReadmeQuickstartTest.class.getClassLoader())) {
            Method main = loader.loadClass("ReadmeQuickstart").getMethod("main", String[].class);
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theClassPathHoldsRealEntries() {
        assertThat(System.getProperty("java.class.path").split(File.pathSeparator)).hasSizeGreaterThan(3);
    }
}
