package dev.mfa4j.examples.totp;

import static dev.mfa4j.examples.totp.Codes.ALICE;
import static dev.mfa4j.examples.totp.Codes.ALICE_SECRET;
import static dev.mfa4j.examples.totp.Codes.SECRETS;
import static dev.mfa4j.examples.totp.Codes.START;
import static dev.mfa4j.examples.totp.Codes.code;
import static dev.mfa4j.examples.totp.Codes.request;
import static dev.mfa4j.examples.totp.Codes.wrongCode;

import dev.mfa4j.api.spi.MfaProvider;
import dev.mfa4j.api.spi.VerificationRequest;
import dev.mfa4j.testkit.MfaProviderContract;
import java.util.Map;

/**
 * The testkit's provider contract, on a clock fixed at {@link Codes#START}. A TOTP provider
 * computes codes from secrets it holds, so it has nothing to reach: it opts out of the
 * unreachability check rather than invent a configuration that would fake
 * {@code PROVIDER_UNAVAILABLE} (which a fail-open configuration would let through).
 */
class TotpProviderContractTest extends MfaProviderContract {

    private final long now = TotpGenerator.stepAt(START);

    @Override
    protected MfaProvider provider() {
        return new TotpProvider(new MutableClock(START));
    }

    @Override
    protected Map<String, String> workingOptions() {
        return Map.of("Secrets", SECRETS, "Algorithm", "SHA1", "Digits", "6", "Skew", "1");
    }

    @Override
    protected boolean canBeUnreachable() {
        return false;
    }

    @Override
    protected Map<String, String> unreachableOptions() {
        throw new UnsupportedOperationException("a TOTP provider has nothing to reach");
    }

    @Override
    protected Map<String, String> invalidOptionValues() {
        return Map.of("Secrets", "alice=" + ALICE_SECRET.substring(0, 16), "Algorithm", "MD5", "Digits", "7", "Skew", "4");
    }

    @Override
    protected VerificationRequest approvedRequest() {
        return request(ALICE, "alice", code(ALICE_SECRET, now));
    }

    @Override
    protected VerificationRequest rejectedRequest() {
        return request(ALICE, "alice", wrongCode(ALICE_SECRET, now));
    }
}
