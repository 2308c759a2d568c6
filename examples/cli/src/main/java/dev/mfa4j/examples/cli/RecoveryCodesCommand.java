package dev.mfa4j.examples.cli;

import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.RecoveryCodeStatus;
import dev.mfa4j.api.RecoveryCodes;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code mfa recovery-codes generate|status|remove -u USER}: one-time codes for the day a user's
 * phone is lost. A code is typed at login like a passcode: {@code mfa login -u bob -m K7QM-2XH4-PD9W-3FNA}.
 */
@Command(name = "recovery-codes", description = "Manage a user's recovery codes: one-time codes that log in without the usual "
        + "second factor, typed where a passcode is.",
        subcommands = {RecoveryCodesCommand.Generate.class, RecoveryCodesCommand.Status.class, RecoveryCodesCommand.Remove.class})
final class RecoveryCodesCommand implements Callable<Integer>, CommandGroup {

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private MfaCommand mfa;

    @Mixin
    private HelpOption help;

    @Override
    public MfaCommand mfa() {
        return mfa;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: choose one of generate, status, remove");
    }


    /** {@code mfa recovery-codes generate -u USER}. */
    @Command(name = "generate", description = "Print a new set of recovery codes, once; any earlier set stops working.")
    static final class Generate extends OneUserCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            PrincipalId principal = principal();
            RecoveryCodes codes = mfa().manage(service -> service.recoveryCodes().generate(principal), refused -> "-u");
            mfa().out().println("Recovery codes for " + principal + ". Keep them somewhere safe: they are shown only now, and each "
                    + "works once.");
            codes.codes().forEach(code -> mfa().out().println("  " + code));
            return ExitCodes.OK;
        }
    }

    /** {@code mfa recovery-codes status -u USER}. */
    @Command(name = "status", description = "Say how many unused recovery codes a user has.")
    static final class Status extends OneUserCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            PrincipalId principal = principal();
            RecoveryCodeStatus status = mfa().manage(service -> service.recoveryCodes().status(principal), refused -> "-u");
            mfa().out().println(status.generated().isEmpty() ? principal + " has no recovery codes."
                    : principal + " has " + status.remaining() + (status.remaining() == 1 ? " unused recovery code" : " unused recovery codes")
                            + " (generated " + status.generated().get() + ").");
            return ExitCodes.OK;
        }
    }

    /** {@code mfa recovery-codes remove -u USER}. */
    @Command(name = "remove", description = "Remove a user's recovery codes; none of them works any more.")
    static final class Remove extends OneUserCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            PrincipalId principal = principal();
            boolean removed = mfa().manage(service -> service.recoveryCodes().remove(principal), refused -> "-u");
            mfa().out().println(removed ? "Removed the recovery codes of " + principal + "." : principal + " had no recovery codes.");
            return ExitCodes.OK;
        }
    }
}
