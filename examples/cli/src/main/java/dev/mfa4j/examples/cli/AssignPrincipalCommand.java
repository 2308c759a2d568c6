package dev.mfa4j.examples.cli;

import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.PrincipalId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code mfa assign-principal -p PRINCIPAL -m PROVIDER_USER_ID -c CONFIG}. */
@Command(name = "assign-principal", description = "Assign a principal to an MFA configuration, with its identity at the "
        + "provider (for Duo, its user id). A principal has one configuration or none; this replaces any earlier one.")
final class AssignPrincipalCommand implements Callable<Integer> {

    @ParentCommand
    private MfaCommand mfa;

    @Mixin
    private HelpOption help;

    @Option(names = "-p", required = true, paramLabel = "PRINCIPAL",
            description = "A user or application, such as principal/internal/user/bob (or just bob).")
    private String principal;

    @Option(names = "-m", required = true, paramLabel = "PROVIDER_USER_ID", description = "The principal's id at the provider.")
    private String providerUserId;

    @Option(names = "-c", required = true, paramLabel = "CONFIG", description = "The configuration's name.")
    private String configuration;

    @Override
    public Integer call() {
        PrincipalId id = PrincipalArgument.parse("-p", principal);
        MfaAssignment assigned = mfa.manage(
                service -> service.principals().assign(MfaAssignment.of(id).configuration(configuration).providerUserId(providerUserId)),
                // Name the flag the user typed, not the library's parameter.
                refused -> "providerUserId".equals(refused.field()) ? "-m" : "configurationName".equals(refused.field()) ? "-c" : "-p");
        mfa.out().println("Assigned " + assigned.principal() + " to configuration '" + assigned.configurationName() + "'.");
        return ExitCodes.OK;
    }
}
