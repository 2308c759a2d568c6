package dev.mfa4j.totp.internal;

import static dev.mfa4j.totp.internal.Fixtures.NOW;
import static dev.mfa4j.totp.internal.Fixtures.configuration;
import static dev.mfa4j.totp.internal.Fixtures.enrollmentRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfa4j.api.EnrollmentPrompt;
import dev.mfa4j.api.InvalidConfigurationException;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.spi.EnrollmentData;
import dev.mfa4j.api.spi.EnrollmentOutcome;
import dev.mfa4j.api.spi.EnrollmentStart;
import dev.mfa4j.totp.MutableClock;
import dev.mfa4j.totp.ReferenceTotp;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Begin and confirm, on a test clock that stands still unless a test moves it. */
class TotpEnrollmentFlowTest {

    private final MutableClock clock = new MutableClock(NOW);
    private final TotpEnrollmentFlow flow = new TotpEnrollmentFlow(clock, new SecureRandom());

    @Test
    void beginMakesA160BitSecretKeptAsSecretPendingData() {
        EnrollmentStart start = flow.begin(enrollmentRequest(configuration()));

        EnrollmentData pending = start.pending();
        assertThat(pending.values()).containsOnlyKeys("secret", "algorithm", "digits", "period")
                .containsEntry("algorithm", "SHA1").containsEntry("digits", "6").containsEntry("period", "30");
        assertThat(pending.secrets()).containsExactly("secret");
        assertThat(pending.value("secret")).matches("[A-Z2-7]{32}");
        assertThat(ReferenceTotp.decode(pending.value("secret"))).hasSize(20);
        assertThat(pending.toString()).doesNotContain(pending.value("secret"));
    }

    @Test
    void thePromptIsTheQrCodeOfTheOtpauthUriWithTheSameSecret() throws Exception {
        EnrollmentStart start = flow.begin(enrollmentRequest(configuration()));
        String secret = start.pending().value("secret");

        assertThat(start.prompt()).isInstanceOf(EnrollmentPrompt.QrCode.class);
        EnrollmentPrompt.QrCode qr = (EnrollmentPrompt.QrCode) start.prompt();
        URI expected = URI.create("otpauth://totp/ACME%20Co:bob@example.com?secret=" + secret
                + "&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30");
        assertThat(qr.uri()).isEqualTo(expected);
        assertThat(qr.manualEntry().replace(" ", "")).isEqualTo(secret);
        assertThat(qr.manualEntry()).matches("([A-Z2-7]{4} ){7}[A-Z2-7]{4}");
        assertThat(QrDecoding.decode(QrDecoding.image(qr.png()))).isEqualTo(expected.toString());
        assertThat(QrDecoding.decodeTerminalText(qr.terminalText())).isEqualTo(expected.toString());
        assertThat(qr.toString()).doesNotContain(secret);
    }

    @Test
    void eachBeginMakesANewSecret() {
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            secrets.add(flow.begin(enrollmentRequest(configuration())).pending().value("secret"));
        }
        assertThat(secrets).hasSize(50);
    }

    @Test
    void theConfigurationChoosesTheParametersAndTheSecretLength() {
        EnrollmentStart sha256 = flow.begin(enrollmentRequest(configuration("Algorithm", "sha256", "Digits", "8", "Period", "60")));
        EnrollmentStart sha512 = flow.begin(enrollmentRequest(configuration("Algorithm", "SHA512")));

        assertThat(sha256.pending().values()).containsEntry("algorithm", "SHA256").containsEntry("digits", "8")
                .containsEntry("period", "60");
        assertThat(ReferenceTotp.decode(sha256.pending().value("secret"))).hasSize(32);
        assertThat(((EnrollmentPrompt.QrCode) sha256.prompt()).uri().toString()).endsWith("&algorithm=SHA256&digits=8&period=60");
        assertThat(ReferenceTotp.decode(sha512.pending().value("secret"))).hasSize(64);
    }

    @Test
    void theCurrentCodeConfirmsAndTheActiveDataRemembersItsStep() {
        EnrollmentStart start = flow.begin(enrollmentRequest(configuration()));
        String secret = start.pending().value("secret");

        EnrollmentOutcome outcome = flow.confirm(enrollmentRequest(configuration()), start.pending(), Fixtures.code(secret, NOW));

        assertThat(outcome).isInstanceOf(EnrollmentOutcome.Confirmed.class);
        EnrollmentData active = ((EnrollmentOutcome.Confirmed) outcome).active();
        assertThat(active.values()).containsEntry("secret", secret).containsEntry("algorithm", "SHA1").containsEntry("digits", "6")
                .containsEntry("period", "30").containsEntry("confirmedStep", Long.toString(NOW.getEpochSecond() / 30));
        assertThat(active.secrets()).containsExactly("secret");
    }

    @Test
    void aCodeTypedInGroupsConfirms() {
        EnrollmentStart start = flow.begin(enrollmentRequest(configuration()));
        String code = Fixtures.code(start.pending().value("secret"), NOW);

        EnrollmentOutcome outcome = flow.confirm(enrollmentRequest(configuration()), start.pending(),
                code.substring(0, 3) + " " + code.substring(3));

        assertThat(outcome).isInstanceOf(EnrollmentOutcome.Confirmed.class);
    }

    @Test
    void aCodeOfTheNeighbouringStepConfirmsWithinTheWindowOnly() {
        EnrollmentStart start = flow.begin(enrollmentRequest(configuration()));
        String secret = start.pending().value("secret");
        String previous = Fixtures.code(secret, NOW.minusSeconds(30));
        String twoBack = Fixtures.code(secret, NOW.minusSeconds(60));

        assertThat(flow.confirm(enrollmentRequest(configuration()), start.pending(), previous))
                .isInstanceOf(EnrollmentOutcome.Confirmed.class);
        assertThat(flow.confirm(enrollmentRequest(configuration("Window", "0")), start.pending(), previous))
                .isInstanceOf(EnrollmentOutcome.Refused.class);
        assertThat(flow.confirm(enrollmentRequest(configuration()), start.pending(), twoBack))
                .isInstanceOf(EnrollmentOutcome.Refused.class);
    }

    @Test
    void aWrongOrStaleCodeIsRefusedWithoutRepeatingIt() {
        EnrollmentStart start = flow.begin(enrollmentRequest(configuration()));
        String secret = start.pending().value("secret");
        String current = Fixtures.code(secret, NOW);
        String wrong = String.format("%06d", (Integer.parseInt(current) + 1) % 1_000_000);

        EnrollmentOutcome refused = flow.confirm(enrollmentRequest(configuration()), start.pending(), wrong);
        clock.advance(Duration.ofMinutes(2));
        EnrollmentOutcome stale = flow.confirm(enrollmentRequest(configuration()), start.pending(), current);

        assertThat(refused).isInstanceOfSatisfying(EnrollmentOutcome.Refused.class,
                r -> assertThat(r.message()).doesNotContain(wrong).doesNotContain(secret).contains("code"));
        assertThat(stale).isInstanceOfSatisfying(EnrollmentOutcome.Refused.class,
                r -> assertThat(r.message()).doesNotContain(current));
    }

    @Test
    void aProofThatIsNotACodeIsRefusedNotThrown() {
        EnrollmentStart start = flow.begin(enrollmentRequest(configuration()));

        for (String proof : new String[] {"", "12345", "1234567", "abcdef", "12345a", "１２３４５６", "1".repeat(1000)}) {
            assertThat(flow.confirm(enrollmentRequest(configuration()), start.pending(), proof)).as(proof)
                    .isInstanceOfSatisfying(EnrollmentOutcome.Refused.class,
                            r -> assertThat(r.message()).isEqualTo("expected the 6-digit code the authenticator app shows"));
        }
    }

    @Test
    void confirmUsesThePendingParametersEvenIfTheConfigurationChangedMeanwhile() {
        EnrollmentStart start = flow.begin(enrollmentRequest(configuration()));
        String code = Fixtures.code(start.pending().value("secret"), NOW);
        MfaConfiguration changed = configuration("Algorithm", "SHA512", "Digits", "8", "Period", "15");

        EnrollmentOutcome outcome = flow.confirm(enrollmentRequest(changed), start.pending(), code);

        assertThat(outcome).isInstanceOfSatisfying(EnrollmentOutcome.Confirmed.class,
                c -> assertThat(c.active().values()).containsEntry("algorithm", "SHA1").containsEntry("digits", "6"));
    }

    @Test
    void unreadablePendingDataIsRefusedWithoutQuotingIt() {
        EnrollmentData broken = Fixtures.active("NOT-BASE32-SECRET!");

        EnrollmentOutcome outcome = flow.confirm(enrollmentRequest(configuration()), broken, "123456");

        assertThat(outcome).isInstanceOfSatisfying(EnrollmentOutcome.Refused.class,
                r -> assertThat(r.message()).contains("begin it again").doesNotContain("NOT-BASE32"));
    }

    @Test
    void theLongestAccountNamesStillMakeAQrCodeOrAClearError() {
        String longAscii = "a".repeat(256);                       // the longest provider user id
        String longNonAscii = "\u00e4".repeat(256);              // 2 bytes each in UTF-8, 6 characters percent-encoded
        String longestNonAscii = "\u4e2d".repeat(256);           // 3 bytes each, 9 characters percent-encoded
        MfaConfiguration longIssuer = configuration("Issuer", "\u00e4".repeat(64), "Algorithm", "SHA512");

        EnrollmentStart ascii = flow.begin(new dev.mfa4j.api.spi.EnrollmentRequest(Fixtures.BOB, longAscii, longIssuer));
        EnrollmentStart nonAscii = flow.begin(new dev.mfa4j.api.spi.EnrollmentRequest(Fixtures.BOB, longNonAscii, longIssuer));

        assertThat(((EnrollmentPrompt.QrCode) ascii.prompt()).png()).isNotEmpty();
        assertThat(((EnrollmentPrompt.QrCode) nonAscii.prompt()).png()).isNotEmpty();
        assertThatThrownBy(() -> flow.begin(new dev.mfa4j.api.spi.EnrollmentRequest(Fixtures.BOB, longestNonAscii, longIssuer)))
                .isInstanceOfSatisfying(dev.mfa4j.api.InvalidInputException.class,
                        e -> assertThat(e.field()).isEqualTo("providerUserId"))
                .hasMessageContaining("too long for a QR code");
    }

    @Test
    void aBadConfigurationIsRefusedNamingTheOption() {
        MfaConfiguration noIssuer = MfaConfiguration.of("Authenticator", "totp", java.util.Map.of("Digits", "7"));

        assertThatThrownBy(() -> flow.begin(enrollmentRequest(noIssuer)))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.violations())
                        .extracting(InvalidConfigurationException.Violation::field)
                        .containsExactlyInAnyOrder("Options.Issuer", "Options.Digits"));
    }
}
