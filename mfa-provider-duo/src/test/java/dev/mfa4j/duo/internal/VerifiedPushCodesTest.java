package dev.mfa4j.duo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.Credential;
import dev.mfa4j.api.VerificationProgress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class VerifiedPushCodesTest {

    private final List<VerificationProgress> told = new CopyOnWriteArrayList<>();

    @Test
    void eachCodeIsToldOnceWhereverItComesFrom() {
        VerifiedPushCodes codes = new VerifiedPushCodes(Fixtures.request(Credential.PUSH, told::add), true);

        codes.reportFrom("Account is active");
        codes.reportFrom("Please enter verification code 708 into Duo Mobile...");
        codes.reportFrom("Please enter verification code 708 into Duo Mobile...");
        codes.reportFrom("Verification code: 123456");

        assertThat(told).containsExactly(new VerificationProgress.VerificationCode("708"), new VerificationProgress.VerificationCode("123456"));
    }

    @Test
    void nothingIsToldWhenTheConfigurationDoesNotAskForVerifiedPush() {
        VerifiedPushCodes codes = new VerifiedPushCodes(Fixtures.request(Credential.PUSH, told::add), false);

        codes.reportFrom("Please enter verification code 708 into Duo Mobile...");

        assertThat(told).isEmpty();
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheFlow() {
        VerifiedPushCodes codes = new VerifiedPushCodes(Fixtures.request(Credential.PUSH, progress -> {
            throw new IllegalStateException("the page is gone");
        }), true);

        codes.reportFrom("Please enter verification code 708 into Duo Mobile...");
    }
}
