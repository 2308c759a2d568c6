package dev.mfa4j.examples.totp;

import dev.mfa4j.api.Credential;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.VerificationContext;
import dev.mfa4j.api.spi.VerificationRequest;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

/** Test secrets, and the codes they give (the generator itself is anchored by the RFC 6238 vectors). */
final class Codes {

    /** 20 bytes, the RFC 4226 recommended size. */
    static final String ALICE_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    /** The RFC 6238 20-byte seed. */
    static final String BOB_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    static final String SECRETS = "alice=" + ALICE_SECRET + ", bob=" + BOB_SECRET;

    static final PrincipalId ALICE = PrincipalId.parse("principal/internal/user/alice");
    static final PrincipalId BOB = PrincipalId.parse("principal/internal/user/bob");

    /** 10 s into a time step, so a step either side is 20 s and 40 s away. */
    static final Instant START = Instant.parse("2026-03-02T09:00:10Z");

    private Codes() {
    }

    static String code(String base32Secret, TotpAlgorithm algorithm, int digits, long step) {
        try {
            return new TotpGenerator(algorithm, digits).codeAt(Base32.decode(base32Secret.toCharArray()), step);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static String code(String base32Secret, long step) {
        return code(base32Secret, TotpAlgorithm.SHA1, 6, step);
    }

    /** @return a 6-digit code that is none of the codes of the steps {@code step - 3} to {@code step + 3} */
    static String wrongCode(String base32Secret, long step) {
        Set<String> window = new TreeSet<>();
        for (long s = step - TotpProvider.MAX_SKEW; s <= step + TotpProvider.MAX_SKEW; s++) {
            window.add(code(base32Secret, s));
        }
        for (int candidate = 123456; ; candidate = (candidate + 111_111) % 1_000_000) {
            String text = String.format("%06d", candidate);
            if (!window.contains(text)) {
                return text;
            }
        }
    }

    static VerificationRequest request(PrincipalId principal, String providerUserId, String digits) {
        return new VerificationRequest(principal, providerUserId, new Credential.Passcode(digits), VerificationContext.empty());
    }
}
