package dev.mfa4j.examples.cli;

import dev.mfa4j.api.PrincipalId;
import picocli.CommandLine.Option;

/** {@code -u USER}: the user a command is about, for every command that takes one. */
final class UserOption {

    @Option(names = "-u", required = true, paramLabel = "USER", description = "The user, such as bob (principal/internal/user/bob).")
    private String user;

    /** @return the user as typed */
    String typed() {
        return user;
    }

    /**
     * @return the principal it names
     * @throws BadInputException if it names none
     */
    PrincipalId principal() {
        return PrincipalArgument.parse("-u", user);
    }
}
