package dev.mfa4j.examples.cli;

/** A command made of subcommands ({@code mfa enrollment}, {@code mfa recovery-codes}): what they reach through it. */
interface CommandGroup {

    /** @return the top-level command, with the service and the output */
    MfaCommand mfa();
}
