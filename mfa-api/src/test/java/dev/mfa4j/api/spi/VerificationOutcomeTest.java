package dev.mfa4j.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfa4j.api.Reason;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerificationOutcomeTest {

    @Test
    void eachKindAcceptsOnlyTheReasonsThatFitIt() {
        assertThatThrownBy(() -> new VerificationOutcome.Approved(Reason.DENIED, "m")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VerificationOutcome.Approved(Reason.FAIL_OPEN_BYPASS, "m"))
                .as("only mfa-core may fail open").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VerificationOutcome.rejected(Reason.APPROVED, "m")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VerificationOutcome.rejected(Reason.TOO_MANY_ATTEMPTS, "m"))
                .as("policy reasons belong to mfa-core").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VerificationOutcome.NoVerdict(Reason.DENIED, "m", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void factoriesPickTheirReasons() {
        assertThat(VerificationOutcome.approved("ok").reason()).isEqualTo(Reason.APPROVED);
        assertThat(VerificationOutcome.bypassed("ok").reason()).isEqualTo(Reason.PROVIDER_BYPASS);
        assertThat(VerificationOutcome.unavailable("down", null).reason()).isEqualTo(Reason.PROVIDER_UNAVAILABLE);
        assertThat(VerificationOutcome.error("bad keys", null).reason()).isEqualTo(Reason.PROVIDER_ERROR);
    }
}
