package dev.mfa4j.examples.cli;

import dev.mfa4j.api.MfaException;
import dev.mfa4j.api.StoreUnavailableException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns what went wrong into one line on stderr and an exit code. The library's messages already
 * name the field at fault and never carry a secret or passcode, so they are shown as they are,
 * after the command's name. A stack trace follows only with {@code --verbose}.
 */
final class Failures implements IExecutionExceptionHandler, IParameterExceptionHandler {

    private final MfaCommand mfa;

    /** @param mfa the top-level command, which knows whether {@code --verbose} was given */
    Failures(MfaCommand mfa) {
        this.mfa = mfa;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        String name = command.getCommandSpec().qualifiedName();
        report(command.getErr(), name, e.getMessage() + " (see '" + name + " --help')", e);
        return ExitCodes.BAD_INPUT;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) {
        String name = command.getCommandSpec().qualifiedName();
        if (e instanceof StoreUnavailableException) {
            report(command.getErr(), name, e.getMessage(), e);
            return ExitCodes.UNAVAILABLE;
        }
        if (e instanceof BadInputException || e instanceof MfaException) {
            report(command.getErr(), name, e.getMessage(), e);
            return ExitCodes.BAD_INPUT;
        }
        report(command.getErr(), name, "unexpected " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + (mfa.verbose() ? "" : " (run with --verbose for details)"), e);
        return ExitCodes.UNAVAILABLE;
    }

    private void report(PrintWriter err, String command, String message, Exception e) {
        // One line, whatever the message holds.
        err.println(command + ": " + message.replaceAll("\\s*[\\r\\n]+\\s*", "; "));
        if (mfa.verbose()) {
            e.printStackTrace(err);
        }
        err.flush();
    }
}
