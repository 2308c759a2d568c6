package dev.mfa4j.examples.cli;

import dev.mfa4j.testkit.duo.DuoSimulator;
import dev.mfa4j.testkit.duo.DuoUser;
import dev.mfa4j.testkit.duo.Integration;
import dev.mfa4j.testkit.duo.PushBehaviour;
import dev.mfa4j.testkit.totp.AuthenticatorApp;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mfa demo}: with no setup at all, runs the real commands against the testkit's Duo
 * simulator, started in this process on loopback, and a throwaway store: a good passcode, a wrong
 * one, a Verified Push approved once bob has typed the code shown, a denied push, and the lockout
 * after repeated wrong codes; then a user of an authenticator app (TOTP) who enrolls and logs in,
 * and logs in once more with a recovery code after losing the phone. Each is printed as a user
 * would see it. Bob answers each push {@code --phone-delay} after he could (two seconds by
 * default, so a watcher can follow).
 */
@Command(name = "demo", description = "Show the commands at work against a simulated Duo on loopback, with a throwaway store. "
        + "Needs no setup and no network; takes about fifteen seconds.")
final class DemoCommand implements Callable<Integer> {

    private static final String CONFIGURATION = "DemoDuo";
    private static final String BOB = "principal/internal/user/bob";
    private static final String GOOD_PASSCODE = "77552";
    private static final String SPARE_PASSCODE = "90210";
    private static final String WRONG_PASSCODE = "123456";
    private static final String STORE = "store.json";
    private static final String CAROL = "principal/internal/user/carol";
    private static final Pattern KEY = Pattern.compile("Or type this key into the app: ([A-Z2-7 ]+)");
    private static final Pattern RECOVERY_CODE = Pattern.compile("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}");

    @ParentCommand
    private MfaCommand mfa;

    @Mixin
    private HelpOption help;

    @Option(names = "--phone-delay", paramLabel = "<duration>", defaultValue = "2s", converter = DurationConverter.class,
            description = "How long bob takes to answer a push on his phone, such as 2s (the default) or 0s.")
    private Duration phoneDelay;

    private final List<String> surprises = new ArrayList<>();
    /** The demo's time: the environment's, moved on where the story skips ahead (half a minute for carol's next code). */
    private SkippingClock clock;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = mfa.out();
        clock = new SkippingClock(mfa.environment().clock());
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

            authenticatorApp(directory);
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

    /** Scenes 6 and 7: carol's authenticator app (TOTP), then a recovery code for her lost phone. */
    private void authenticatorApp(Path directory) throws IOException {
        PrintWriter out = mfa.out();
        Path config = directory.resolve("totp.json");
        Files.writeString(config, "{\"Type\": \"totp\", \"Name\": \"DemoApp\", \"Options\": {\"Issuer\": \"mfa4j demo\"}}\n",
                StandardCharsets.UTF_8);

        scene(out, "6. carol uses an authenticator app (TOTP): she enrolls by scanning a QR code, then logs in with its codes");
        run(directory, ExitCodes.OK, "create", "-f", config.toString());
        run(directory, ExitCodes.OK, "assign-principal", "-p", CAROL, "-m", "carol@example.com", "-c", "DemoApp");
        Matcher key = KEY.matcher(runShowing(directory, ExitCodes.OK, "enroll", "-u", "carol"));
        if (!key.find()) {
            surprises.add("'mfa enroll -u carol' showed no key");
            return;
        }
        // The testkit's authenticator app stands in for carol's phone: it takes the key she would type.
        AuthenticatorApp phone = AuthenticatorApp.typed(key.group(1));
        out.println("(carol's app now shows " + phone.code(clock) + ")");
        run(directory, ExitCodes.OK, "enroll", "-u", "carol", "--confirm", phone.code(clock));
        clock.skip(Duration.ofSeconds(30));
        out.println("(half a minute later, her app shows " + phone.code(clock) + ")");
        String code = phone.code(clock);
        run(directory, ExitCodes.OK, "login", "-u", "carol", "-m", code);
        run(directory, ExitCodes.DENIED, "login", "-u", "carol", "-m", code);

        scene(out, "7. carol's recovery codes: printed once; after she loses her phone, one logs her in, once");
        Matcher recovery = RECOVERY_CODE.matcher(runShowing(directory, ExitCodes.OK, "recovery-codes", "generate", "-u", "carol"));
        if (!recovery.find()) {
            surprises.add("'mfa recovery-codes generate -u carol' showed no code");
            return;
        }
        run(directory, ExitCodes.OK, "login", "-u", "carol", "-m", recovery.group());
        run(directory, ExitCodes.DENIED, "login", "-u", "carol", "-m", recovery.group());
        run(directory, ExitCodes.OK, "recovery-codes", "status", "-u", "carol");
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
        run(directory, mfa.out(), expected, args);
    }

    /** {@link #run}, and returns what the command printed (shown as well). */
    private String runShowing(Path directory, int expected, String... args) {
        StringWriter printed = new StringWriter();
        run(directory, new PrintWriter(printed), expected, args);
        mfa.out().print(printed);
        mfa.out().flush();
        return printed.toString();
    }

    private void run(Path directory, PrintWriter to, int expected, String... args) {
        List<String> shown = new ArrayList<>();
        for (String arg : args) {
            shown.add(arg.startsWith(directory + File.separator) ? directory.relativize(Path.of(arg)).toString() : Printable.of(arg));
        }
        List<String> real = new ArrayList<>(List.of("--store", directory.resolve(STORE).toString()));
        real.addAll(List.of(args));
        PrintWriter out = to;
        out.println("$ mfa " + String.join(" ", shown));
        out.flush();
        // The demo's commands answer no terminal (it types for its users) and run on its clock.
        Environment environment = new Environment(mfa.environment().variables(), mfa.environment().home(), Terminal.none(), clock);
        int exitCode = Main.run(real.toArray(String[]::new), out, mfa.err(), environment);
        out.println("  (exit code " + exitCode + ")");
        out.flush();
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

    /** A clock's time, plus what the story skipped. */
    private static final class SkippingClock extends Clock {
        private final Clock base;
        private volatile Duration skipped = Duration.ZERO;

        SkippingClock(Clock base) {
            this.base = base;
        }

        void skip(Duration duration) {
            skipped = skipped.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return base.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the demo's clock is in UTC");
        }

        @Override
        public Instant instant() {
            return base.instant().plus(skipped);
        }
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
