package dev.mfa4j.examples.cli;

import dev.mfa4j.api.MfaConfiguration;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code mfa create -f config.json}. */
@Command(name = "create", description = "Create the MFA configuration described in a JSON file: "
        + "{\"Type\": \"duo\", \"Name\": \"...\", \"Options\": {...}}.")
final class CreateCommand implements Callable<Integer> {

    @ParentCommand
    private MfaCommand mfa;

    @Mixin
    private HelpOption help;

    @Option(names = "-f", required = true, paramLabel = "FILE", description = "The configuration's JSON file.")
    private Path file;

    @Override
    public Integer call() {
        String json = ConfigurationFile.read(file);
        MfaConfiguration created = mfa.manage(service -> service.configurations().json().create(json),
                refused -> Printable.of(file.toString()));
        mfa.out().println("Created configuration '" + created.name() + "' (type " + created.type() + ", revision "
                + created.revision() + ").");
        return ExitCodes.OK;
    }
}
