package com.example.host.modular;

import dev.mfa4j.api.EnrollmentPrompt;
import dev.mfa4j.api.InvalidCredentialException;
import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.VerificationResult;
import dev.mfa4j.api.event.VerificationEvent;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import dev.mfa4j.core.MfaService;
import dev.mfa4j.testkit.duo.DuoSimulator;
import dev.mfa4j.testkit.duo.DuoUser;
import dev.mfa4j.testkit.duo.PushBehaviour;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds an MfaService on the module path with nothing registered by hand, and checks that the
 * providers and the listener were found and that verifications succeed. Prints one line per check
 * and exits 0 when all hold, 1 otherwise.
 */
public final class Main {

    private static final PrincipalId BOB = PrincipalId.parse("principal/internal/user/bob");
    private static final PrincipalId ALICE = PrincipalId.parse("principal/internal/user/alice");
    private static final PrincipalId CAROL = PrincipalId.parse("principal/internal/user/carol");

    private final List<String> failures = new ArrayList<>();

    private Main() {
    }

    public static void main(String[] args) {
        Main main = new Main();
        try (DuoSimulator duo = DuoSimulator.builder()
                .user(DuoUser.builder("bob").smartphone().passcodes("246810").build())
                .start();
                MfaService mfa = MfaService.builder(ManagementAuthorizer.allowAll()).build()) {
            main.run(duo, mfa);
        }
        if (!main.failures.isEmpty()) {
            main.failures.forEach(failure -> System.out.println("FAILED: " + failure));
            System.exit(1);
        }
        System.out.println("module-path host: all checks passed");
    }

    private void run(DuoSimulator duo, MfaService mfa) {
        check("mfa-core runs as the named module dev.mfa4j.core", MfaService.class.getModule().getName(), "dev.mfa4j.core");
        check("this host is the named module com.example.host.modular", Main.class.getModule().getName(), "com.example.host.modular");
        check("the duo provider was bound from module dev.mfa4j.duo",
                mfa.provider("duo").map(provider -> provider.getClass().getModule().getName()).orElse("(no duo provider)"),
                "dev.mfa4j.duo");
        check("the third party's pin provider was bound from module com.example.mfa.pin",
                mfa.provider("pin").map(provider -> provider.getClass().getModule().getName()).orElse("(no pin provider)"),
                "com.example.mfa.pin");
        check("the totp provider was bound from module dev.mfa4j.totp",
                mfa.provider("totp").map(provider -> provider.getClass().getModule().getName()).orElse("(no totp provider)"),
                "dev.mfa4j.totp");

        mfa.configurations().create("CompanyDuo", "duo", Map.of(
                "Host", duo.host(),
                "IntegrationKey", duo.integration().integrationKey(),
                "SecretKey", duo.integration().secretKey(),
                "CaCertificates", duo.certificatePem()));
        mfa.principals().assign(MfaAssignment.of(BOB).configuration("CompanyDuo")
                .providerUserId(duo.user("bob").orElseThrow().userId()));
        AuditListener.EVENTS.clear();

        VerificationResult passcode = mfa.verify(BOB, "246810");
        check("bob's passcode is approved by Duo", passcode.reason(), Reason.APPROVED);
        check("the passcode verification allows the login", passcode.allowed(), true);

        duo.scriptNextPush("bob", PushBehaviour.approveAfter(Duration.ofMillis(200)));
        check("bob's push is approved by Duo", mfa.verify(BOB, "push").reason(), Reason.APPROVED);

        long heard = AuditListener.EVENTS.stream().filter(VerificationEvent.class::isInstance).count();
        check("the listener bound by the module system heard both verifications", heard, 2L);

        mfa.configurations().create("Kiosk", "pin", Map.of("Pin", "4242"));
        mfa.principals().assign(MfaAssignment.of(ALICE).configuration("Kiosk").providerUserId("alice"));
        check("alice's pin is approved by the plugin", mfa.verify(ALICE, "4242").reason(), Reason.APPROVED);
        check("a wrong pin is refused", mfa.verify(ALICE, "1111").reason(), Reason.INVALID_PASSCODE);

        mfa.configurations().create("Authenticator", "totp", Map.of("Issuer", "Example Host"));
        mfa.principals().assign(MfaAssignment.of(CAROL).configuration("Authenticator").providerUserId("carol@example.com"));
        check("carol must enroll before her first login", mfa.verify(CAROL, "123456").reason(), Reason.ENROLLMENT_REQUIRED);
        EnrollmentPrompt prompt = mfa.enrollments().begin(CAROL);
        if (prompt instanceof EnrollmentPrompt.QrCode qr) {
            check("the QR code was drawn as a PNG on the module path (ZXing, no java.desktop)",
                    qr.png().length > 8 && qr.png()[1] == 'P' && qr.png()[2] == 'N' && qr.png()[3] == 'G', true);
            check("the QR code was drawn as terminal text", qr.terminalText().isBlank(), false);
            check("the key URI is for an authenticator app", qr.uri().getScheme() + "://" + qr.uri().getHost(), "otpauth://totp");
        } else {
            failures.add("carol's enrollment prompt: expected a QR code, got " + prompt);
        }
        String refusal;
        try {
            mfa.enrollments().confirm(CAROL, "not a code");
            refusal = "(confirmed)";
        } catch (InvalidCredentialException refused) {
            refusal = "refused";
        }
        check("a confirmation with something that is no code is refused", refusal, "refused");
    }

    private void check(String what, Object actual, Object expected) {
        if (expected.equals(actual)) {
            System.out.println("ok: " + what);
        } else {
            failures.add(what + ": expected " + expected + ", got " + actual);
        }
    }
}
