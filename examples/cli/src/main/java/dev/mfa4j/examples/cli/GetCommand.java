package dev.mfa4j.examples.cli;

import dev.mfa4j.core.SecretVisibility;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code mfa get}: every configuration, as a JSON array. */
@Command(name = "get", description = "Print every MFA configuration as a JSON array; secret options show as ******** "
        + "unless --show-secrets is given.")
final class GetCommand implements Callable<Integer> {

    @ParentCommand
    private MfaCommand mfa;

    @Mixin
    private HelpOption help;

    @Option(names = "--show-secrets", description = "Print secret options (such as Duo's SecretKey) as stored.")
    private boolean showSecrets;

    @Override
    public Integer call() {
        String listed = mfa.manage(service -> service.configurations().json()
                .list(showSecrets ? SecretVisibility.REVEALED : SecretVisibility.REDACTED), refused -> "mfa get");
        mfa.out().println(listed);
        return ExitCodes.OK;
    }
}
