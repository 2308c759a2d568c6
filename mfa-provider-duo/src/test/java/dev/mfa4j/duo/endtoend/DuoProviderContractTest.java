package dev.mfa4j.duo.endtoend;

import dev.mfa4j.api.Credential;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.VerificationContext;
import dev.mfa4j.api.spi.MfaProvider;
import dev.mfa4j.api.spi.VerificationRequest;
import dev.mfa4j.duo.DuoProvider;
import dev.mfa4j.testkit.ManualTicker;
import dev.mfa4j.testkit.MfaProviderContract;
import dev.mfa4j.testkit.duo.DuoSimulator;
import dev.mfa4j.testkit.duo.DuoUser;
import dev.mfa4j.testkit.junit5.StartStop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The duo provider passes the testkit's provider contract, against the Duo simulator. */
class DuoProviderContractTest extends MfaProviderContract {

    @StartStop
    static final DuoSimulator duo = DuoSimulator.builder().user(DuoUser.withSmartphone("bob")).build();

    private static final PrincipalId BOB = PrincipalId.parse("principal/internal/user/bob");
    private static final AtomicInteger PASSCODES = new AtomicInteger(100_000);

    /** On a ticker nobody advances: no call times out, however long a busy machine takes. */
    @Override
    protected MfaProvider provider() {
        return new DuoProvider(new ManualTicker(), Clock.systemUTC());
    }

    @Override
    protected Map<String, String> workingOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("Host", duo.host());
        options.put("IntegrationKey", duo.integration().integrationKey());
        options.put("SecretKey", duo.integration().secretKey());
        options.put("CaCertificates", duo.certificatePem());
        return options;
    }

    @Override
    protected Map<String, String> unreachableOptions() {
        Map<String, String> options = new LinkedHashMap<>(workingOptions());
        options.put("Host", "localhost:" + closedPort());
        options.put("RetryBudget", "0s");
        return options;
    }

    @Override
    protected Map<String, String> invalidOptionValues() {
        return Map.of("Host", "https://api-3945ef22.duosecurity.com/", "IntegrationKey", "DI123", "SecretKey", "tooShortSecretValue",
                "SignatureVersion", "3", "PushTimeout", "forever");
    }

    @Override
    protected VerificationRequest approvedRequest() {
        String passcode = String.valueOf(PASSCODES.incrementAndGet());
        duo.addPasscodes("bob", passcode);
        return request(new Credential.Passcode(passcode));
    }

    @Override
    protected VerificationRequest rejectedRequest() {
        return request(new Credential.Passcode("99999999"));
    }

    private static VerificationRequest request(Credential credential) {
        return new VerificationRequest(BOB, duo.user("bob").orElseThrow().userId(), credential, VerificationContext.empty());
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
