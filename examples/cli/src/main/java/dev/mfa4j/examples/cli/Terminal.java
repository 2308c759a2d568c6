package dev.mfa4j.examples.cli;

import java.io.Console;
import java.util.Optional;

/**
 * What the command line knows about the terminal it runs in. Tests give their own.
 */
public interface Terminal {

    /** @return whether output goes to a person at a terminal, who can watch a line being rewritten */
    boolean interactive();

    /**
     * Asks for a secret without echoing it.
     *
     * @param prompt what to ask
     * @return what was typed; empty if there is no terminal to ask on
     */
    Optional<String> readSecret(String prompt);

    /** @return the process's terminal, if it has one (stdin and stdout both attached) */
    static Terminal system() {
        Console console = System.console();
        if (console == null) {
            return none();
        }
        return new Terminal() {
            @Override
            public boolean interactive() {
                return true;
            }

            @Override
            public Optional<String> readSecret(String prompt) {
                char[] typed = console.readPassword("%s", prompt);
                return typed == null ? Optional.empty() : Optional.of(new String(typed));
            }
        };
    }

    /** @return no terminal: output is plain lines, and nothing can be asked */
    static Terminal none() {
        return new Terminal() {
            @Override
            public boolean interactive() {
                return false;
            }

            @Override
            public Optional<String> readSecret(String prompt) {
                return Optional.empty();
            }
        };
    }
}
