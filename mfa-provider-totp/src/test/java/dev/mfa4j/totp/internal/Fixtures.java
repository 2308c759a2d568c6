package dev.mfa4j.totp.internal;

import dev.mfa4j.api.Credential;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.VerificationContext;
import dev.mfa4j.api.spi.EnrollmentData;
import dev.mfa4j.api.spi.EnrollmentRequest;
import dev.mfa4j.api.spi.VerificationRequest;
import dev.mfa4j.totp.ReferenceTotp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Shared values of the internal tests. */
final class Fixtures {

    /** 2026-12-02T10:00:00Z: 10 s into a 30 s step. */
    static final Instant NOW = Instant.parse("2026-12-02T10:00:10Z");
    static final PrincipalId BOB = PrincipalId.parse("principal/internal/user/bob");
    /** The Key Uri Format wiki's example secret (160 bits). */
    static final String SECRET = "HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ";

    private Fixtures() {
    }

    static MfaConfiguration configuration(String... options) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("Issuer", "ACME Co");
        for (int i = 0; i < options.length; i += 2) {
            map.put(options[i], options[i + 1]);
        }
        return MfaConfiguration.of("Authenticator", "totp", map).withRevision(1);
    }

    static EnrollmentRequest enrollmentRequest(MfaConfiguration configuration) {
        return new EnrollmentRequest(BOB, "bob@example.com", configuration);
    }

    /** Active data as the provider's confirm makes it, confirmed at {@code confirmedStep} (null: none). */
    static EnrollmentData active(String secret, String algorithm, int digits, int period, Long confirmedStep) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("secret", secret);
        values.put("algorithm", algorithm);
        values.put("digits", Integer.toString(digits));
        values.put("period", Integer.toString(period));
        if (confirmedStep != null) {
            values.put("confirmedStep", Long.toString(confirmedStep));
        }
        return new EnrollmentData(values, java.util.Set.of("secret"));
    }

    static EnrollmentData active(String secret) {
        return active(secret, "SHA1", 6, 30, null);
    }

    static VerificationRequest request(String passcode, Optional<EnrollmentData> enrollment) {
        return new VerificationRequest(BOB, "bob@example.com", new Credential.Passcode(passcode), VerificationContext.empty(), enrollment);
    }

    /** The code an app with the default parameters shows at {@code time}. */
    static String code(String secret, Instant time) {
        return ReferenceTotp.code(secret, "HmacSHA1", 6, 30, time);
    }
}
