package dev.mfa4j.totp;

import dev.mfa4j.api.Credential;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.VerificationContext;
import dev.mfa4j.api.spi.EnrollmentData;
import dev.mfa4j.api.spi.MfaProvider;
import dev.mfa4j.api.spi.VerificationRequest;
import dev.mfa4j.testkit.MfaProviderContract;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The testkit's provider contract, on a clock that stands still. The provider has nothing to
 * reach, so the unreachability check does not apply ({@link #canBeUnreachable()} is false).
 */
class TotpProviderContractTest extends MfaProviderContract {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:10Z");
    private static final String SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    private static final PrincipalId ALICE = PrincipalId.parse("principal/internal/user/alice");

    @Override
    protected MfaProvider provider() {
        return new TotpProvider(new MutableClock(NOW));
    }

    @Override
    protected Map<String, String> workingOptions() {
        return Map.of("Issuer", "ACME Co");
    }

    @Override
    protected Map<String, String> unreachableOptions() {
        throw new UnsupportedOperationException("a TOTP provider has nothing to reach");
    }

    @Override
    protected boolean canBeUnreachable() {
        return false;
    }

    @Override
    protected Map<String, String> invalidOptionValues() {
        return Map.of("Issuer", "ACME:Co", "Algorithm", "MD5", "Digits", "7", "Period", "300", "Window", "9");
    }

    @Override
    protected VerificationRequest approvedRequest() {
        return request(ReferenceTotp.code(SECRET, "HmacSHA1", 6, 30, NOW));
    }

    @Override
    protected VerificationRequest rejectedRequest() {
        String right = ReferenceTotp.code(SECRET, "HmacSHA1", 6, 30, NOW);
        return request(String.format("%06d", (Integer.parseInt(right) + 500_000) % 1_000_000));
    }

    private static VerificationRequest request(String passcode) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("secret", SECRET);
        values.put("algorithm", "SHA1");
        values.put("digits", "6");
        values.put("period", "30");
        return new VerificationRequest(ALICE, "alice", new Credential.Passcode(passcode), VerificationContext.empty(),
                Optional.of(new EnrollmentData(values, Set.of("secret"))));
    }
}
