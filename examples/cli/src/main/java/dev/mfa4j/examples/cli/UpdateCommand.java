package dev.mfa4j.examples.cli;

import dev.mfa4j.api.MfaConfiguration;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code mfa update -f config.json -n NAME}. */
@Command(name = "update", description = "Update an MFA configuration from a JSON file. Every field but the name may change; "
        + "a secret option left out (or given as ********) keeps its stored value.")
final class UpdateCommand implements Callable<Integer> {

    @ParentCommand
    private MfaCommand mfa;

    @Mixin
    private HelpOption help;

    @Option(names = "-f", required = true, paramLabel = "FILE", description = "The configuration's new JSON.")
    private Path file;

    @Option(names = "-n", required = true, paramLabel = "NAME", description = "The configuration to update.")
    private String name;

    @Override
    public Integer call() {
        String json = ConfigurationFile.read(file);
        MfaConfiguration updated = mfa.manage(service -> service.configurations().json().update(name, json),
                refused -> Printable.of(file.toString()));
        mfa.out().println("Updated configuration '" + updated.name() + "' (type " + updated.type() + ", revision "
                + updated.revision() + ").");
        return ExitCodes.OK;
    }
}
