package dev.mfa4j.examples.cli;

import dev.mfa4j.api.ConfigurationInUseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code mfa delete -n NAME [--force]}. */
@Command(name = "delete", description = "Delete an MFA configuration. One that principals are assigned to is refused "
        + "unless --force is given, which removes those assignments too.")
final class DeleteCommand implements Callable<Integer> {

    @ParentCommand
    private MfaCommand mfa;

    @Mixin
    private HelpOption help;

    @Option(names = "-n", required = true, paramLabel = "NAME", description = "The configuration to delete.")
    private String name;

    @Option(names = "--force", description = "Also remove the assignments to it: those principals no longer have MFA.")
    private boolean force;

    @Override
    public Integer call() {
        long removed;
        try {
            removed = mfa.manage(service -> service.configurations().delete(name, force), refused -> "-n");
        } catch (ConfigurationInUseException e) {
            throw new BadInputException("configuration '" + name + "' is assigned to " + e.assignmentCount()
                    + (e.assignmentCount() == 1 ? " principal" : " principals")
                    + "; run remove-principal first, or add --force to remove the assignments too", e);
        }
        mfa.out().println("Deleted configuration '" + name + "'" + (removed == 0 ? "." : " and removed " + removed
                + (removed == 1 ? " assignment" : " assignments") + "; those principals no longer have MFA."));
        return ExitCodes.OK;
    }
}
