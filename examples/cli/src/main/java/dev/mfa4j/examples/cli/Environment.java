package dev.mfa4j.examples.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What the command line takes from its process: environment variables, the home directory, the
 * terminal and the time. {@link Main#main} uses the real ones; tests pass their own.
 *
 * @param variables environment variables, such as {@value #STORE_VARIABLE}
 * @param home the user's home directory, for the default store
 * @param terminal the terminal, or {@link Terminal#none()}
 * @param clock the time lockouts and authenticator-app codes are read against
 */
public record Environment(Map<String, String> variables, Path home, Terminal terminal, Clock clock) {

    /** The environment variable naming the store file when {@code --store} is not given. */
    public static final String STORE_VARIABLE = "MFA4J_STORE";

    /** @throws NullPointerException if a component is null */
    public Environment {
        variables = Map.copyOf(variables);
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(terminal, "terminal");
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * An environment on the system clock.
     *
     * @param variables environment variables
     * @param home the user's home directory
     * @param terminal the terminal
     * @throws NullPointerException if an argument is null
     */
    public Environment(Map<String, String> variables, Path home, Terminal terminal) {
        this(variables, home, terminal, Clock.systemUTC());
    }

    /**
     * @param other the clock to use
     * @return this environment on {@code other}
     */
    public Environment withClock(Clock other) {
        return new Environment(variables, home, terminal, other);
    }

    /**
     * @return this process's environment; the home directory is {@code $HOME} when it is set, as
     *     command-line tools read it (Java's {@code user.home} ignores it on Linux)
     */
    public static Environment system() {
        return new Environment(System.getenv(), home(System.getenv("HOME"), System.getProperty("user.home")), Terminal.system());
    }

    /**
     * @param homeVariable the {@code HOME} environment variable, or null
     * @param userHome Java's {@code user.home}
     * @return the home directory a command-line tool uses
     */
    static Path home(String homeVariable, String userHome) {
        return Path.of(homeVariable != null && !homeVariable.isBlank() ? homeVariable : userHome);
    }

    /**
     * @param given the {@code --store} option, or null
     * @return the store file: {@code --store}, else {@value #STORE_VARIABLE}, else {@code ~/.mfa4j/store.json}
     */
    public Path storeFile(Path given) {
        if (given != null) {
            return given;
        }
        String variable = variables.get(STORE_VARIABLE);
        if (variable != null && !variable.isBlank()) {
            return Path.of(variable);
        }
        return home.resolve(".mfa4j").resolve("store.json");
    }
}
