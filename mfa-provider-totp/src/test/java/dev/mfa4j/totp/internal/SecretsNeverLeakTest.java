package dev.mfa4j.totp.internal;

import static dev.mfa4j.totp.internal.Fixtures.NOW;
import static dev.mfa4j.totp.internal.Fixtures.configuration;
import static dev.mfa4j.totp.internal.Fixtures.enrollmentRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.Credential;
import dev.mfa4j.api.InvalidConfigurationException;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.VerificationContext;
import dev.mfa4j.api.spi.EnrollmentData;
import dev.mfa4j.api.spi.EnrollmentFlow;
import dev.mfa4j.api.spi.EnrollmentOutcome;
import dev.mfa4j.api.spi.EnrollmentStart;
import dev.mfa4j.api.spi.MfaVerifier;
import dev.mfa4j.api.spi.VerificationOutcome;
import dev.mfa4j.api.spi.VerificationRequest;
import dev.mfa4j.totp.MutableClock;
import dev.mfa4j.totp.TotpProvider;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A whole enrollment and every kind of verification, through the provider as mfa-core sees it,
 * collecting every {@code toString}, message and exception text on the way; then looks in them
 * for the secret (as Base32 in either case, in the manual-entry groups, as hex), for the codes
 * typed (right and wrong), and for the account name where it does not belong. The provider
 * itself logs nothing (it has no logging dependency); what mfa-core logs around it is checked by
 * {@code ServiceLoaderEndToEndTest}.
 */
class SecretsNeverLeakTest {

    private static final String WRONG_CODE = "981273";

    @Test
    void canariesAppearNowhere() {
        MutableClock clock = new MutableClock(NOW);
        TotpProvider provider = new TotpProvider(clock);
        EnrollmentFlow flow = provider.enrollment().orElseThrow();
        MfaConfiguration configuration = configuration("Algorithm", "SHA256", "Digits", "8");
        List<String> seen = new ArrayList<>();

        EnrollmentStart start = flow.begin(enrollmentRequest(configuration));
        String secret = start.pending().value("secret");
        String manualEntry = ((dev.mfa4j.api.EnrollmentPrompt.QrCode) start.prompt()).manualEntry();
        seen.add(start.toString());
        seen.add(start.pending().toString());
        seen.add(start.prompt().toString());
        seen.add(flow.toString());
        seen.add(provider.toString());

        String right = dev.mfa4j.totp.ReferenceTotp.code(secret, "HmacSHA256", 8, 30, NOW);
        for (String proof : List.of(WRONG_CODE + "00", WRONG_CODE, "not a code " + WRONG_CODE)) {
            EnrollmentOutcome refused = flow.confirm(enrollmentRequest(configuration), start.pending(), proof);
            seen.add(refused.toString());
        }
        EnrollmentOutcome confirmed = flow.confirm(enrollmentRequest(configuration), start.pending(), right);
        seen.add(confirmed.toString());
        EnrollmentData active = ((EnrollmentOutcome.Confirmed) confirmed).active();
        seen.add(active.toString());

        try (MfaVerifier verifier = provider.open(configuration)) {
            seen.add(verifier.toString());
            clock.advance(Duration.ofSeconds(30));
            String next = dev.mfa4j.totp.ReferenceTotp.code(secret, "HmacSHA256", 8, 30, clock.instant());
            List<VerificationRequest> requests = List.of(
                    request(next, Optional.of(active)),
                    request(right, Optional.of(active)),                               // the confirming code
                    request(WRONG_CODE + "00", Optional.of(active)),
                    request(WRONG_CODE, Optional.of(active)),                          // wrong length
                    request(next, Optional.empty()),
                    request(next, Optional.of(Fixtures.active(secret.substring(0, 20) + "!", "SHA256", 8, 30, null))));
            for (VerificationRequest request : requests) {
                seen.add(request.toString());
                VerificationOutcome outcome = verifier.verify(request).join();
                seen.add(outcome.toString());
                seen.add(outcome.message());
            }
            seen.add(verifier.health().join().toString());
        }
        try {
            provider.open(MfaConfiguration.of("Authenticator", "totp", Map.of("Issuer", secret + ":x")));
        } catch (InvalidConfigurationException e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            seen.add(trace.toString());
        }

        List<String> canaries = List.of(secret, secret.toLowerCase(Locale.ROOT), secret.substring(0, 16), manualEntry,
                manualEntry.substring(0, 14), HexFormat.of().formatHex(dev.mfa4j.totp.ReferenceTotp.decode(secret)), right,
                WRONG_CODE);
        assertThat(seen).hasSizeGreaterThan(20);
        for (String text : seen) {
            for (String canary : canaries) {
                assertThat(text).as("a toString or message").doesNotContain(canary);
            }
        }
    }

    private static VerificationRequest request(String passcode, Optional<EnrollmentData> enrollment) {
        return new VerificationRequest(Fixtures.BOB, "bob@example.com", new Credential.Passcode(passcode), VerificationContext.empty(),
                enrollment);
    }
}
