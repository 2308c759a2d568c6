package dev.mfa4j.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

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
    /** What the user types at the terminal, given what stdout shows so far; null: no terminal. */
    private final UnaryOperator<String> typing;

    private Cli(Path store, Environment environment, UnaryOperator<String> typing) {
        this.store = store;
        this.environment = environment;
        this.typing = typing;
    }

    /** @return a command line using {@code directory/store.json}, with no terminal and an empty environment */
    static Cli in(Path directory) {
        return new Cli(directory.resolve("store.json"), new Environment(Map.of(), directory.resolve("home"), Terminal.none()), null);
    }

    /** @return an environment with no variables, no terminal and a home that is never read */
    static Environment noEnvironment() {
        return new Environment(Map.of(), Path.of("/nonexistent-home"), Terminal.none());
    }

    /** @return this command line, but at a terminal that answers {@code typed} when asked for a secret */
    Cli atTerminal(String typed) {
        return atTerminal(shown -> typed);
    }

    /**
     * @param typist what the user types when asked, given everything stdout has shown until then
     * @return this command line, but at a terminal
     */
    Cli atTerminal(UnaryOperator<String> typist) {
        return new Cli(store, environment, typist);
    }

    /** @return this command line, but reading the time from {@code clock} */
    Cli at(Clock clock) {
        return new Cli(store, environment.withClock(clock), typing);
    }

    /** @return the store file every command is given with {@code --store} */
    Path store() {
        return store;
    }

    /** Runs {@code mfa --store <store> args...}. */
    Run run(String... args) {
        List<String> all = new ArrayList<>(List.of("--store", store.toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        Environment here = environment;
        if (typing != null) {
            here = new Environment(environment.variables(), environment.home(), new Terminal() {
                @Override
                public boolean interactive() {
                    return true;
                }

                @Override
                public Optional<String> readSecret(String prompt) {
                    return Optional.of(typing.apply(out.toString()));
                }
            }, environment.clock());
        }
        return run(here, out, all.toArray(String[]::new));
    }

    /** Runs {@code mfa args...} with no {@code --store} added. */
    static Run runExactly(Environment environment, String... args) {
        return run(environment, new StringWriter(), args);
    }

    private static Run run(Environment environment, StringWriter out, String... args) {
        StringWriter err = new StringWriter();
        int exitCode = Main.run(args, new PrintWriter(out), new PrintWriter(err), environment);
        return new Run(exitCode, out.toString(), err.toString());
    }
}
