package dev.mfa4j.testkit;

import dev.mfa4j.api.Credential;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.VerificationContext;
import dev.mfa4j.api.spi.MfaProvider;
import dev.mfa4j.api.spi.VerificationRequest;
import java.util.Map;

class FakeProviderContractTest extends MfaProviderContract {

    private static final PrincipalId BOB = PrincipalId.parse("principal/internal/user/bob");

    @Override
    protected MfaProvider provider() {
        return new FakeMfaProvider();
    }

    @Override
    protected Map<String, String> workingOptions() {
        return Map.of("Passcode", "77552", "PushResult", "approve");
    }

    @Override
    protected Map<String, String> unreachableOptions() {
        return Map.of("PushResult", "unavailable");
    }

    @Override
    protected Map<String, String> invalidOptionValues() {
        return Map.of("Passcode", "not-digits-1234", "PushResult", "maybe", "PushDelay", "forever");
    }

    @Override
    protected VerificationRequest approvedRequest() {
        return new VerificationRequest(BOB, "bob", new Credential.Passcode("77552"), VerificationContext.empty());
    }

    @Override
    protected VerificationRequest rejectedRequest() {
        return new VerificationRequest(BOB, "bob", new Credential.Passcode("11111"), VerificationContext.empty());
    }

    @Override
    protected VerificationRequest unreachableRequest() {
        return new VerificationRequest(BOB, "bob", Credential.PUSH, VerificationContext.empty());
    }
}
