package com.example.mfa.pin;

import dev.mfa4j.api.Credential;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.spi.MfaVerifier;
import dev.mfa4j.api.spi.VerificationOutcome;
import dev.mfa4j.api.spi.VerificationRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;

/** Compares what was typed with the configuration's pin, in constant time. */
final class PinVerifier implements MfaVerifier {

    private final byte[] pin;

    PinVerifier(String pin) {
        this.pin = pin.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public CompletableFuture<VerificationOutcome> verify(VerificationRequest request) {
        boolean right = request.credential() instanceof Credential.Passcode passcode
                && MessageDigest.isEqual(pin, passcode.digits().getBytes(StandardCharsets.US_ASCII));
        return CompletableFuture.completedFuture(right
                ? VerificationOutcome.approved("the pin matches")
                : VerificationOutcome.rejected(Reason.INVALID_PASSCODE, "wrong pin"));
    }
}
