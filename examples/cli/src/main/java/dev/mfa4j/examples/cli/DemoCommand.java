package dev.mfa4j.examples.cli;

import dev.mfa4j.testkit.duo.DuoSimulator;
import dev.mfa4j.testkit.duo.DuoUser;
import dev.mfa4j.testkit.duo.Integration;
import dev.mfa4j.testkit.duo.PushBehaviour;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mfa demo}: with no setup at all, runs the real commands against the testkit's Duo
 * simulator, started in this process on loopback, and a throwaway store: a good passcode, a wrong
 * one, a Verified Push approved once bob has typed the code shown, a denied push, and the lockout
 * after repeated wrong codes, each printed as a user would see it. Bob answers each push
 * {@code --phone-delay} after he could (two seconds by default, so a watcher can follow).
 */
@Command(name = "demo", description = "Show the commands at work against a simulated Duo on loopback, with a throwaway store. "
        + "Needs no setup and no network; takes about ten seconds.")
final class DemoCommand implements Callable<Integer> {

    private static final String CONFIGURATION = "DemoDuo";
    private static final String BOB = "principal/internal/user/bob";
    private static final String GOOD_PASSCODE = "77552";
    private static final String SPARE_PASSCODE = "90210";
    private static final String WRONG_PASSCODE = "123456";
    private static final String STORE = "store.json";

    @ParentCommand
    private MfaCommand mfa;

    @Mixin
    private HelpOption help;

    @Option(names = "--phone-delay", paramLabel = "<duration>", defaultValue = "2s", converter = DurationConverter.class,
            description = "How long bob takes to answer a push on his phone, such as 2s (the default) or 0s.")
    private Duration phoneDelay;

    private final List<String> surprises = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = mfa.out();
        Path directory = Files.createTempDirectory("mfa4j-demo-");
        try (DuoSimulator duo = DuoSimulator.builder()
                .user(DuoUser.builder("bob").smartphone().verifiedPush(true).passcodes(GOOD_PASSCODE, SPARE_PASSCODE).build())
                .start()) {
            Path store = directory.resolve(STORE);
            Path config = directory.resolve("duo.json");
            Files.writeString(config, configurationJson(duo), StandardCharsets.UTF_8);
            String bobId = duo.user("bob").orElseThrow().userId();

            out.println("mfa demo: a simulated Duo (the testkit's) runs in this process on https://" + duo.host()
                    + "; nothing leaves this machine.");
            out.println("bob's Duo user id is " + bobId + "; his phone has Duo Mobile, and his passcodes " + GOOD_PASSCODE + " and "
                    + SPARE_PASSCODE + " work once each.");
            out.println("A throwaway store: " + store + " (your own store is not touched).");

            scene(out, "Set up: a Duo configuration pointing at the simulator, and bob assigned to it");
            run(directory, ExitCodes.OK, "create", "-f", config.toString());
            run(directory, ExitCodes.OK, "assign-principal", "-p", BOB, "-m", bobId, "-c", CONFIGURATION);

            scene(out, "1. A good passcode");
            run(directory, ExitCodes.OK, "login", "-u", "bob", "-m", GOOD_PASSCODE);

            scene(out, "2. A wrong passcode");
            run(directory, ExitCodes.DENIED, "login", "-u", "bob", "-m", WRONG_PASSCODE);

            scene(out, "3. A push, approved on the phone (Verified Push: bob types the code shown here into Duo Mobile)");
            // The simulated bob types the code only once the command has shown it, then approves.
            duo.scriptNextPush("bob", PushBehaviour.approveAfter(phoneDelay));
            run(directory, ExitCodes.OK, "login", "-u", "bob", "-m", "push");

            scene(out, "4. A push, denied on the phone");
            duo.scriptNextPush("bob", PushBehaviour.denyAfter(phoneDelay));
            run(directory, ExitCodes.DENIED, "login", "-u", "bob", "-m", "push");

            // The approved push reset bob's count and the denied one counted, so this many more
            // failures reach the policy's limit; the next attempt is refused without asking Duo.
            int failures = mfa.attemptPolicy().maxFailures();
            scene(out, "5. Wrong passcodes until the lockout (" + failures + " failures in a row, the denied push included); "
                    + "then even a good passcode is refused, and Duo is not asked");
            for (int i = 1; i < failures; i++) {
                run(directory, ExitCodes.DENIED, "login", "-u", "bob", "-m", WRONG_PASSCODE);
            }
            run(directory, ExitCodes.DENIED, "login", "-u", "bob", "-m", SPARE_PASSCODE);
        } finally {
            deleteRecursively(directory);
        }
        out.println();
        if (!surprises.isEmpty()) {
            mfa.err().println("mfa demo: it did not go as planned: " + String.join("; ", surprises));
            return ExitCodes.UNAVAILABLE;
        }
        out.println("Done. The same commands work against a real Duo: see 'mfa --help'.");
        return ExitCodes.OK;
    }

    private static void scene(PrintWriter out, String title) {
        out.println();
        out.println("== " + title);
    }

    /**
     * Shows and runs one command as a user would type it, against the demo's store. Paths inside
     * the demo's directory are shown by their name only.
     */
    private void run(Path directory, int expected, String... args) {
        List<String> shown = new ArrayList<>();
        for (String arg : args) {
            shown.add(arg.startsWith(directory + File.separator) ? directory.relativize(Path.of(arg)).toString() : Printable.of(arg));
        }
        List<String> real = new ArrayList<>(List.of("--store", directory.resolve(STORE).toString()));
        real.addAll(List.of(args));
        PrintWriter out = mfa.out();
        out.println("$ mfa " + String.join(" ", shown));
        out.flush();
        int exitCode = Main.run(real.toArray(String[]::new), out, mfa.err(), mfa.environment());
        out.println("  (exit code " + exitCode + ")");
        if (exitCode != expected) {
            surprises.add("'mfa " + String.join(" ", shown) + "' exited with " + exitCode + ", expected " + expected);
        }
    }

    private static String configurationJson(DuoSimulator duo) {
        Integration integration = duo.integration();
        return "{\"Type\": \"duo\", \"Name\": \"" + CONFIGURATION + "\", \"Options\": {"
                + "\"Host\": \"" + duo.host() + "\", "
                + "\"IntegrationKey\": \"" + integration.integrationKey() + "\", "
                + "\"SecretKey\": \"" + integration.secretKey() + "\", "
                + "\"VerifiedPush\": \"on\", "
                // The simulator's self-signed certificate replaces Duo's roots: trust exactly it.
                + "\"CaCertificates\": \"" + duo.certificatePem().replace("\r", "").replace("\n", "\\n") + "\"}}\n";
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the demo's temporary directory " + directory, e);
        }
    }
}
