package dev.mfa4j.examples.cli;

import dev.mfa4j.api.InvalidInputException;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import dev.mfa4j.core.AttemptPolicy;
import dev.mfa4j.core.FileAttemptStore;
import dev.mfa4j.core.FileEnrollmentStore;
import dev.mfa4j.core.FileMfaConfigurationStore;
import dev.mfa4j.core.MfaService;
import dev.mfa4j.totp.TotpProvider;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code mfa} command: the options every command shares, and the
 * {@link MfaService} they work on.
 */
@Command(name = "mfa", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Manages MFA configurations and principals in a file store, and logs in with MFA, the way Secrets Safe's "
                + "'ssrun mfa' and 'ssrun login' commands do.",
        footerHeading = "%nExit codes:%n",
        footer = {"  0  done, or the login is allowed", "  1  the login is denied", "  2  bad usage or bad input",
                "  3  the MFA provider (or the store) is unavailable"})
public final class MfaCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--store", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "The store file. Default: $" + Environment.STORE_VARIABLE + ", else ~/.mfa4j/store.json. "
                    + "Attempt counts are kept beside it, in FILE" + FileAttemptStore.SUFFIX + ", and enrollments and recovery codes in FILE"
                    + FileEnrollmentStore.SUFFIX + ".")
    private Path store;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print the stack trace of an error.")
    private boolean verbose;

    @Option(names = "--lock-wait", scope = ScopeType.INHERIT, paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait for another process that holds the store's lock, such as 5s or 500ms (default 5s); "
                    + "then the store is unavailable (exit code 3).")
    private Duration lockWait = Duration.ofSeconds(5);

    private final Environment environment;

    /** @param environment the process's environment variables, home and terminal */
    public MfaCommand(Environment environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing command: choose one of "
                + String.join(", ", Subcommands.names()));
    }

    /** @return whether {@code --verbose} was given */
    boolean verbose() {
        return verbose;
    }

    /** @return the store file: {@code --store}, else the environment's */
    Path storeFile() {
        return environment.storeFile(store);
    }

    /** @return the environment this command runs in */
    Environment environment() {
        return environment;
    }

    /** @return the terminal */
    Terminal terminal() {
        return environment.terminal();
    }

    /** @return where results go */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** @return where errors go */
    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** @return the attempt limits logins are held to: mfa-core's defaults */
    AttemptPolicy attemptPolicy() {
        return AttemptPolicy.defaults();
    }

    /**
     * Opens the service over the store file and its attempt file. Anyone who can run this tool
     * can edit the store file itself, so management is not checked further: a local,
     * single-user tool is what {@link ManagementAuthorizer#allowAll()} is for.
     *
     * @return the service; close it when done
     */
    MfaService openService() {
        Path file = storeFile();
        return MfaService.builder(ManagementAuthorizer.allowAll())
                .store(FileMfaConfigurationStore.open(file, lockWait))
                .attemptStore(FileAttemptStore.besideStore(file, lockWait))
                .enrollmentStore(FileEnrollmentStore.besideStore(file, lockWait))
                .attemptPolicy(attemptPolicy())
                .clock(environment.clock())
                .provider(new TotpProvider(environment.clock()))
                .build();
    }

    /**
     * Runs one piece of management work on a service opened for it, and closes the service.
     * Input the library refuses is reported as bad input, after the name of where it came from
     * (a file, a flag), so the user knows what to fix.
     *
     * @param work the work
     * @param source names where the refused input came from, such as the file or the flag
     * @param <T> what the work answers
     * @return what the work answered
     * @throws BadInputException if the library refused the input
     */
    <T> T manage(Function<MfaService, T> work, Function<InvalidInputException, String> source) {
        try (MfaService service = openService()) {
            return work.apply(service);
        } catch (InvalidInputException e) {
            throw new BadInputException(source.apply(e) + ": " + e.getMessage(), e);
        }
    }
}
