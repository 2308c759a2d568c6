package dev.mfa4j.examples.cli;

import dev.mfa4j.api.PrincipalId;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** A subcommand of a {@link CommandGroup} about one user ({@code -u USER}), with {@code --help}. */
abstract class OneUserCommand {

    @ParentCommand
    private CommandGroup group;

    @Mixin
    private HelpOption help;

    @Mixin
    private UserOption user;

    /** @return the top-level command */
    MfaCommand mfa() {
        return group.mfa();
    }

    /** @return the principal {@code -u} names */
    PrincipalId principal() {
        return user.principal();
    }
}
