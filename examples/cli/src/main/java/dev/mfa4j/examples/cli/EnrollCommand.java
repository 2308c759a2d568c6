package dev.mfa4j.examples.cli;

import dev.mfa4j.api.EnrollmentPrompt;
import dev.mfa4j.api.EnrollmentStatus;
import dev.mfa4j.api.InvalidCredentialException;
import dev.mfa4j.api.PrincipalId;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mfa enroll -u USER [--png FILE] [--confirm CODE]}: enrolls a user whose configuration's
 * provider enrolls users itself (TOTP). Without {@code --confirm} it makes a new secret and shows
 * it once (a QR code, the key to type, the URI), then asks for the app's first code at a terminal;
 * with no terminal to ask on, the user runs it again with {@code --confirm CODE}.
 */
@Command(name = "enroll", description = "Enroll a user in an authenticator app (a totp configuration): shows a new secret as a QR "
        + "code, the key and the URI, then asks for the code the app shows; without a terminal, confirm with --confirm CODE. An "
        + "enrollment already active keeps working until the new one is confirmed.")
final class EnrollCommand implements Callable<Integer> {

    @ParentCommand
    private MfaCommand mfa;

    @Mixin
    private HelpOption help;

    @Mixin
    private UserOption user;

    @Option(names = "--png", paramLabel = "FILE", description = "Also write the QR code as a PNG image to FILE (a new file, readable by "
            + "you only: it holds the secret).")
    private Path png;

    @Option(names = "--confirm", paramLabel = "CODE", description = "Confirm the enrollment begun earlier with the code the app shows "
            + "now. Exit code 1 if it is refused (the enrollment stays pending: try again).")
    private String confirm;

    @Override
    public Integer call() {
        PrincipalId principal = user.principal();
        if (confirm != null) {
            if (png != null) {
                throw new BadInputException("--png: give it when the enrollment begins, not with --confirm");
            }
            return confirm(principal, confirm);
        }
        begin(principal);
        if (!mfa.terminal().interactive()) {
            mfa.out().println("Then confirm with the code the app shows: mfa enroll -u " + user.typed() + " --confirm CODE");
            return ExitCodes.OK;
        }
        Optional<String> code = mfa.terminal().readSecret("Code from your app: ");
        if (code.isEmpty() || code.get().isBlank()) {
            mfa.out().println("Not confirmed yet: mfa enroll -u " + user.typed() + " --confirm CODE");
            return ExitCodes.OK;
        }
        return confirm(principal, code.get());
    }

    private void begin(PrincipalId principal) {
        if (png != null && Files.exists(png, LinkOption.NOFOLLOW_LINKS)) {
            throw new BadInputException("--png: " + png + " already exists; name a new file");
        }
        EnrollmentPrompt prompt = mfa.manage(service -> service.enrollments().begin(principal), refused -> "-u");
        if (!(prompt instanceof EnrollmentPrompt.QrCode qr)) {
            throw new BadInputException("-u: the enrollment of " + principal + " needs a prompt this tool cannot show");
        }
        if (png != null) {
            writeOwnerOnly(png, qr.png());
        }
        PrintWriter out = mfa.out();
        out.println("Scan this QR code with your authenticator app (it holds the secret: shown only now):");
        out.println();
        out.println(qr.terminalText());
        out.println("Or type this key into the app: " + qr.manualEntry());
        out.println("The same as a URI: " + qr.uri());
        if (png != null) {
            out.println("The QR code is also in " + png + "; delete it once scanned.");
        }
        out.println();
        out.flush();
    }

    private int confirm(PrincipalId principal, String code) {
        try {
            EnrollmentStatus status = mfa.manage(service -> service.enrollments().confirm(principal, code.strip()), refused -> "-u");
            mfa.out().println("Enrolled " + principal + " with MFA configuration '" + status.configurationName() + "'.");
            return ExitCodes.OK;
        } catch (BadInputException e) {
            if (e.getCause() instanceof InvalidCredentialException refused) {
                mfa.err().println("Not confirmed: " + refused.problem() + " The enrollment is still pending; try again: mfa enroll -u "
                        + user.typed() + " --confirm CODE");
                return ExitCodes.DENIED;
            }
            throw e;
        }
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
