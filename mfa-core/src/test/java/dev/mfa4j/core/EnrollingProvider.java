package dev.mfa4j.core;

import dev.mfa4j.api.Credential;
import dev.mfa4j.api.EnrollmentPrompt;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.spi.EnrollmentData;
import dev.mfa4j.api.spi.EnrollmentFlow;
import dev.mfa4j.api.spi.EnrollmentOutcome;
import dev.mfa4j.api.spi.EnrollmentRequest;
import dev.mfa4j.api.spi.EnrollmentStart;
import dev.mfa4j.api.spi.MfaProvider;
import dev.mfa4j.api.spi.MfaVerifier;
import dev.mfa4j.api.spi.OptionSpec;
import dev.mfa4j.api.spi.VerificationOutcome;
import dev.mfa4j.api.spi.VerificationRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider for mfa-core's tests that enrolls principals itself, as TOTP does: begin makes a
 * secret, numbered so each begin differs; the proof of an enrollment is the secret's number; a
 * verification approves the passcode {@code 4242} followed by that number.
 */
public class EnrollingProvider implements MfaProvider {

    static final String TYPE = "enrolling";
    static final String CONFIG_JSON = "{\"Type\": \"enrolling\", \"Name\": \"App\", \"Options\": {\"Issuer\": \"Example\"}}";

    final AtomicInteger secrets = new AtomicInteger(100);
    final List<VerificationRequest> requests = new CopyOnWriteArrayList<>();

    /** Public, as {@link java.util.ServiceLoader} needs it. */
    public EnrollingProvider() {
    }

    @Override
    public int spiVersion() {
        return 1;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.builder("Issuer").required().description("shown in the app").build());
    }

    /** The passcode a principal enrolled with the secret numbered {@code number} types. */
    static String passcodeFor(String number) {
        return "4242" + number;
    }

    @Override
    public Optional<EnrollmentFlow> enrollment() {
        return Optional.of(new EnrollmentFlow() {
            @Override
            public EnrollmentStart begin(EnrollmentRequest request) {
                String number = String.valueOf(secrets.incrementAndGet());
                EnrollmentData pending = new EnrollmentData(Map.of("Secret", "SECRET-" + number, "Number", number), Set.of("Secret"));
                URI uri = URI.create("otpauth://totp/" + request.configuration().option("Issuer").orElseThrow() + ":"
                        + request.providerUserId() + "?secret=SECRET-" + number);
                return new EnrollmentStart(pending, new EnrollmentPrompt.QrCode(uri, "SECRET-" + number, new byte[] {1, 2, 3}, "##"));
            }

            @Override
            public EnrollmentOutcome confirm(EnrollmentRequest request, EnrollmentData pending, String proof) {
                return proof.equals(pending.value("Number")) ? EnrollmentOutcome.confirmed(pending)
                        : EnrollmentOutcome.refused("that is not the code the app shows");
            }
        });
    }

    @Override
    public MfaVerifier open(MfaConfiguration configuration) {
        return request -> {
            requests.add(request);
            EnrollmentData enrolled = request.enrollment().orElseThrow();
            boolean right = request.credential() instanceof Credential.Passcode passcode
                    && passcode.digits().equals(passcodeFor(enrolled.value("Number")));
            return CompletableFuture.completedFuture(right ? VerificationOutcome.approved("ok")
                    : VerificationOutcome.rejected(Reason.INVALID_PASSCODE, "wrong"));
        };
    }
}
