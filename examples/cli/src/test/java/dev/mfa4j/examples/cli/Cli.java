package dev.mfa4j.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs {@code mfa} in this process, as a user would from a shell, and captures what it prints. */
final class Cli {

    /**
     * What one run left behind.
     *
     * @param exitCode the exit code
     * @param out everything printed on stdout
     * @param err everything printed on stderr
     */
    record Run(int exitCode, String out, String err) {
    }

    private final Path store;
    private final Environment environment;

    private Cli(Path store, Environment environment) {
        this.store = store;
        this.environment = environment;
    }

    /** @return a command line using {@code directory/store.json}, with no terminal and an empty environment */
    static Cli in(Path directory) {
        return new Cli(directory.resolve("store.json"), new Environment(Map.of(), directory.resolve("home"), Terminal.none()));
    }

    /** @return this command line, but at a terminal that answers {@code typed} when asked for a secret */
    Cli atTerminal(String typed) {
        return new Cli(store, new Environment(environment.variables(), environment.home(), new Terminal() {
            @Override
            public boolean interactive() {
                return true;
            }

            @Override
            public Optional<String> readSecret(String prompt) {
                return Optional.of(typed);
            }
        }, environment.clock()));
    }

    /** @return this command line, but reading the time from {@code clock} */
    Cli at(Clock clock) {
        return new Cli(store, environment.withClock(clock));
    }

    /** @return the store file every command is given with {@code --store} */
    Path store() {
        return store;
    }

    /** Runs {@code mfa --store <store> args...}. */
    Run run(String... args) {
        List<String> all = new ArrayList<>(List.of("--store", store.toString()));
        all.addAll(List.of(args));
        return runExactly(environment, all.toArray(String[]::new));
    }

    /** Runs {@code mfa args...} with no {@code --store} added. */
    static Run runExactly(Environment environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Main.run(args, new PrintWriter(out), new PrintWriter(err), environment);
        return new Run(exitCode, out.toString(), err.toString());
    }
}
