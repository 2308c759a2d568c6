package dev.mfa4j.examples.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * Runs {@code mfa}: {@code java -jar mfa.jar <command> [options]}. See {@link MfaCommand} for the
 * commands and {@link ExitCodes} for what the process exits with.
 */
public final class Main {

    private Main() {
    }

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        Charset charset = System.console() != null ? System.console().charset() : StandardCharsets.UTF_8;
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, charset), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, charset), true);
        int exitCode = run(args, out, err, Environment.system());
        out.flush();
        err.flush();
        System.exit(exitCode);
    }

    /**
     * Runs one command in this process: what {@link #main} does, minus the exit.
     *
     * @param args the command line
     * @param out where results go
     * @param err where errors go
     * @param environment environment variables, home directory and terminal
     * @return the exit code, one of {@link ExitCodes}
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Environment environment) {
        MfaCommand mfa = new MfaCommand(environment);
        Failures failures = new Failures(mfa);
        CommandLine commandLine = new CommandLine(mfa);
        // Before the settings below: picocli applies them to the subcommands present at the time.
        Subcommands.addTo(commandLine, args);
        commandLine.setOut(out)
                .setErr(err)
                .setParameterExceptionHandler(failures)
                .setExecutionExceptionHandler(failures);
        int exitCode = commandLine.execute(args);
        out.flush();
        err.flush();
        return exitCode;
    }
}
