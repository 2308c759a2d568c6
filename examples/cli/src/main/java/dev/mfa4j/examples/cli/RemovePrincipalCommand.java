package dev.mfa4j.examples.cli;

import dev.mfa4j.api.PrincipalId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code mfa remove-principal -p PRINCIPAL}. */
@Command(name = "remove-principal", description = "Remove a principal's MFA assignment, so it no longer has MFA.")
final class RemovePrincipalCommand implements Callable<Integer> {

    @ParentCommand
    private MfaCommand mfa;

    @Mixin
    private HelpOption help;

    @Option(names = "-p", required = true, paramLabel = "PRINCIPAL",
            description = "A user or application, such as principal/internal/user/bob (or just bob).")
    private String principal;

    @Override
    public Integer call() {
        PrincipalId id = PrincipalArgument.parse("-p", principal);
        boolean removed = mfa.manage(service -> service.principals().remove(id), refused -> "-p");
        mfa.out().println(removed ? "Removed MFA from " + id + "." : id + " had no MFA assignment; nothing changed.");
        return ExitCodes.OK;
    }
}
