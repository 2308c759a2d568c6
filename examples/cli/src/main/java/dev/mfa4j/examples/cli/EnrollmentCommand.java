package dev.mfa4j.examples.cli;

import dev.mfa4j.api.EnrollmentPrompt;
import dev.mfa4j.api.EnrollmentStatus;
import dev.mfa4j.api.InvalidCredentialException;
import dev.mfa4j.api.PrincipalId;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code mfa enrollment begin|confirm|status|remove -u USER}: enroll a user whose configuration's
 * provider enrolls users itself (TOTP): {@code begin} shows a QR code to scan with an
 * authenticator app, {@code confirm} takes the code the app then shows.
 */
@Command(name = "enrollment", description = "Enroll a user in an authenticator app (a totp configuration): begin shows a QR code, "
        + "confirm takes the code the app shows.",
        subcommands = {EnrollmentCommand.Begin.class, EnrollmentCommand.Confirm.class, EnrollmentCommand.Status.class,
                EnrollmentCommand.Remove.class})
final class EnrollmentCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private MfaCommand mfa;

    @Mixin
    private HelpOption help;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: choose one of begin, confirm, status, remove");
    }

    /** The options each subcommand shares. */
    abstract static class OnePrincipal {
        @ParentCommand
        EnrollmentCommand parent;

        @Mixin
        HelpOption help;

        @Option(names = "-u", required = true, paramLabel = "USER", description = "The user, such as bob (principal/internal/user/bob).")
        String user;

        MfaCommand mfa() {
            return parent.mfa;
        }

        PrincipalId principal() {
            return PrincipalArgument.parse("-u", user);
        }
    }

    /** {@code mfa enrollment begin -u USER [--png FILE]}. */
    @Command(name = "begin", description = "Make a new secret for the user and show it once, as a QR code and as text to type; "
            + "an enrollment already active keeps working until the new one is confirmed.")
    static final class Begin extends OnePrincipal implements Callable<Integer> {

        @Option(names = "--png", paramLabel = "FILE", description = "Also write the QR code as a PNG image to FILE (a new file, "
                + "readable by you only: it holds the secret).")
        Path png;

        @Override
        public Integer call() {
            PrincipalId principal = principal();
            if (png != null && Files.exists(png, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new BadInputException("--png: " + png + " already exists; name a new file");
            }
            EnrollmentPrompt prompt = mfa().manage(service -> service.enrollments().begin(principal), refused -> "-u");
            if (!(prompt instanceof EnrollmentPrompt.QrCode qr)) {
                throw new BadInputException("-u: the enrollment of " + principal + " needs a prompt this tool cannot show");
            }
            if (png != null) {
                writeOwnerOnly(png, qr.png());
            }
            var out = mfa().out();
            out.println("Scan this QR code with your authenticator app (it holds the secret: shown only now):");
            out.println();
            out.println(qr.terminalText());
            out.println("Or type this key into the app: " + qr.manualEntry());
            if (png != null) {
                out.println("The QR code is also in " + png + "; delete it once scanned.");
            }
            out.println();
            out.println("Then confirm with the code the app shows: mfa enrollment confirm -u " + user + " CODE");
            return ExitCodes.OK;
        }

        private static void writeOwnerOnly(Path file, byte[] bytes) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.write(file, bytes, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            } catch (FileAlreadyExistsException e) {
                throw new BadInputException("--png: " + file + " already exists; name a new file", e);
            } catch (IOException | UnsupportedOperationException e) {
                throw new BadInputException("--png: could not write " + file + " (" + e.getClass().getSimpleName() + ")", e);
            }
        }
    }

    /** {@code mfa enrollment confirm -u USER [CODE]}. */
    @Command(name = "confirm", description = "Confirm the enrollment begun with the code the app shows; from then on the user logs "
            + "in with the app's codes. Exit code 1 if the code is refused (the enrollment stays pending: try again).")
    static final class Confirm extends OnePrincipal implements Callable<Integer> {

        @Parameters(arity = "0..1", paramLabel = "CODE", description = "The code the app shows. Left out at a terminal, it is asked for.")
        String code;

        @Override
        public Integer call() {
            PrincipalId principal = principal();
            String proof = code != null ? code : mfa().terminal().readSecret("Code from your app: ")
                    .orElseThrow(() -> new BadInputException("CODE is required: give the code the app shows (there is no terminal "
                            + "to ask on)"));
            try {
                EnrollmentStatus status = mfa().manage(service -> service.enrollments().confirm(principal, proof.strip()),
                        refused -> "-u");
                mfa().out().println("Enrolled " + principal + " with MFA configuration '" + status.configurationName() + "'.");
                return ExitCodes.OK;
            } catch (BadInputException e) {
                if (e.getCause() instanceof InvalidCredentialException refused) {
                    mfa().err().println("Not confirmed: " + refused.problem() + " The enrollment is still pending; try again with the "
                            + "code the app shows now.");
                    return ExitCodes.DENIED;
                }
                throw e;
            }
        }
    }

    /** {@code mfa enrollment status -u USER}. */
    @Command(name = "status", description = "Say whether a user is enrolled (active), has begun (pending), or neither (none).")
    static final class Status extends OnePrincipal implements Callable<Integer> {
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
    static final class Remove extends OnePrincipal implements Callable<Integer> {
        @Override
        public Integer call() {
            PrincipalId principal = principal();
            boolean removed = mfa().manage(service -> service.enrollments().remove(principal), refused -> "-u");
            mfa().out().println(removed ? "Removed the enrollment of " + principal + "." : principal + " was not enrolled.");
            return ExitCodes.OK;
        }
    }
}
