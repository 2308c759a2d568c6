package dev.mfa4j.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerificationResultTest {

    @Test
    void onlyApprovalsAndBypassesAllowTheLogin() {
        Set<Reason> allowing = EnumSet.noneOf(Reason.class);
        for (Reason reason : Reason.values()) {
            if (VerificationResult.of(reason, "m").allowed()) {
                allowing.add(reason);
            }
        }
        assertThat(allowing).containsExactlyInAnyOrder(Reason.APPROVED, Reason.PROVIDER_BYPASS, Reason.FAIL_OPEN_BYPASS);
    }
}
