package dev.mfa4j.examples.cli;

import dev.mfa4j.api.InvalidCredentialException;
import dev.mfa4j.api.InvalidPrincipalException;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.VerificationContext;
import dev.mfa4j.api.VerificationResult;
import dev.mfa4j.core.MfaService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code mfa login -u bob -m 77552} and {@code mfa login -u bob -m push}: the
 * second factor of a Secrets Safe-style {@code ssrun login}, only (this tool keeps no passwords). Attempts are counted in
 * the attempt file beside the store, so a lockout holds across runs.
 */
@Command(name = "login", description = "Log in as a principal with MFA: a passcode, or push (Duo Push to your phone).")
final class LoginCommand implements Callable<Integer> {

    @ParentCommand
    private MfaCommand mfa;

    @Mixin
    private HelpOption help;

    @Option(names = "-u", required = true, paramLabel = "USER",
            description = "Who logs in: a user name such as bob (principal/internal/user/bob), or a principal path.")
    private String user;

    @Option(names = "-m", paramLabel = "PASSCODE|push",
            description = "A passcode, or push. Left out at a terminal, it is asked for without echo.")
    private String typed;

    @Override
    public Integer call() {
        PrincipalId principal = PrincipalArgument.parse("-u", user);
        String answer = typed != null ? typed : mfa.terminal().readSecret("Passcode or 'push': ")
                .orElseThrow(() -> new BadInputException("-m is required: give a passcode or push (there is no terminal to ask on)"));
        try (MfaService service = mfa.openService(); WaitingLine waiting = new WaitingLine(mfa.out(), mfa.terminal().interactive())) {
            VerificationContext context = VerificationContext.builder()
                    .applicationName("mfa command line")
                    .progressListener(waiting)
                    .build();
            VerificationResult result;
            try {
                // A push waits on the provider's threads; this thread only waits for the answer.
                result = service.verifyAsync(principal, answer, context).join();
            } catch (InvalidPrincipalException e) {
                throw new BadInputException("-u " + Printable.of(user) + ": " + e.getMessage(), e);
            } catch (InvalidCredentialException e) {
                throw new BadInputException("-m: " + e.getMessage(), e);
            }
            waiting.end();
            String outcome = Outcomes.describe(result, principal, mfa.attemptPolicy(), waiting.challengeSent());
            if (result.allowed() && result.message().startsWith("a recovery code was used")) {
                outcome = "Approved with a recovery code (" + result.message().substring("a recovery code was used; ".length()) + ").";
            }
            mfa.out().println(outcome);
            return ExitCodes.of(result);
        }
    }
}
