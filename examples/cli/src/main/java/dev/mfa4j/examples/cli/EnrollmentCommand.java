package dev.mfa4j.examples.cli;

import dev.mfa4j.api.EnrollmentStatus;
import dev.mfa4j.api.PrincipalId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code mfa enrollment status|remove -u USER}: where a user stands with the enrollment of its
 * authenticator app (a TOTP configuration), and its removal. {@link EnrollCommand} enrolls.
 */
@Command(name = "enrollment", description = "Show or remove a user's enrollment in an authenticator app (a totp configuration); "
        + "'mfa enroll' enrolls.",
        subcommands = {EnrollmentCommand.Status.class, EnrollmentCommand.Remove.class})
final class EnrollmentCommand implements Callable<Integer>, CommandGroup {

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
        throw new ParameterException(spec.commandLine(), "Missing command: choose one of status, remove");
    }


    /** {@code mfa enrollment status -u USER}. */
    @Command(name = "status", description = "Say whether a user is enrolled (active), has begun (pending), or neither (none).")
    static final class Status extends OneUserCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            PrincipalId principal = principal();
            EnrollmentStatus status = mfa().manage(service -> service.enrollments().status(principal), refused -> "-u");
            String state = switch (status.state()) {
                case ACTIVE -> "enrolled";
                case PENDING -> "begun, not yet confirmed";
                case NONE -> "not enrolled";
            };
            mfa().out().println(principal + " with MFA configuration '" + status.configurationName() + "': " + state
                    + status.since().map(since -> " (since " + since + ")").orElse("") + ".");
            return ExitCodes.OK;
        }
    }

    /** {@code mfa enrollment remove -u USER}. */
    @Command(name = "remove", description = "Remove a user's enrollment, active and pending; its logins are refused until it enrolls "
            + "again. Recovery codes stay.")
    static final class Remove extends OneUserCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            PrincipalId principal = principal();
            boolean removed = mfa().manage(service -> service.enrollments().remove(principal), refused -> "-u");
            mfa().out().println(removed ? "Removed the enrollment of " + principal + "." : principal + " was not enrolled.");
            return ExitCodes.OK;
        }
    }
}
