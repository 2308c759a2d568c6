package dev.mfa4j.core;

import static dev.mfa4j.core.Fixtures.BOB;
import static dev.mfa4j.core.Fixtures.CONFIG_JSON;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A used passcode stays refused for as long as its provider says a passcode can be accepted, even
 * where the host's reuse window is shorter: a TOTP code good for 7 minutes cannot be replayed in
 * its last minutes because the host chose a 1-minute window.
 */
class PasscodeLifetimeTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T09:00:00Z"));
    private final ScriptedProvider provider = new ScriptedProvider();

    private MfaService serviceWithOneMinuteReuseWindow() {
        MfaService mfa = MfaService.builder(ManagementAuthorizer.allowAll()).discoverProviders(false).provider(provider).clock(clock)
                .attemptPolicy(AttemptPolicy.builder().passcodeReuseWindow(Duration.ofMinutes(1)).build()).build();
        mfa.configurations().json().create(CONFIG_JSON);
        mfa.principals().assign(MfaAssignment.of(BOB).configuration("Main").providerUserId("bob"));
        return mfa;
    }

    @Test
    void aPasscodeIsRefusedAgainForItsWholeLifetime() {
        provider.passcodeLifetime = () -> Optional.of(Duration.ofMinutes(7));
        MfaService mfa = serviceWithOneMinuteReuseWindow();

        assertThat(mfa.verify(BOB, ScriptedProvider.GOOD_PASSCODE).reason()).isEqualTo(Reason.APPROVED);
        clock.advance(Duration.ofMinutes(6).plusSeconds(59));
        assertThat(mfa.verify(BOB, ScriptedProvider.GOOD_PASSCODE).reason()).as("replayed within its lifetime")
                .isEqualTo(Reason.INVALID_PASSCODE);
        clock.advance(Duration.ofSeconds(2));
        assertThat(mfa.verify(BOB, ScriptedProvider.GOOD_PASSCODE).reason()).as("after its lifetime the provider decides")
                .isEqualTo(Reason.APPROVED);
    }

    @Test
    void withoutALifetimeTheReuseWindowApplies() {
        MfaService mfa = serviceWithOneMinuteReuseWindow();

        assertThat(mfa.verify(BOB, ScriptedProvider.GOOD_PASSCODE).reason()).isEqualTo(Reason.APPROVED);
        clock.advance(Duration.ofSeconds(59));
        assertThat(mfa.verify(BOB, ScriptedProvider.GOOD_PASSCODE).reason()).isEqualTo(Reason.INVALID_PASSCODE);
        clock.advance(Duration.ofMinutes(2));
        assertThat(mfa.verify(BOB, ScriptedProvider.GOOD_PASSCODE).reason()).isEqualTo(Reason.APPROVED);
    }

    @Test
    void aLifetimeShorterThanTheWindowDoesNotShortenIt() {
        provider.passcodeLifetime = () -> Optional.of(Duration.ofSeconds(10));
        MfaService mfa = serviceWithOneMinuteReuseWindow();

        assertThat(mfa.verify(BOB, ScriptedProvider.GOOD_PASSCODE).reason()).isEqualTo(Reason.APPROVED);
        clock.advance(Duration.ofSeconds(59));
        assertThat(mfa.verify(BOB, ScriptedProvider.GOOD_PASSCODE).reason()).isEqualTo(Reason.INVALID_PASSCODE);
    }

    @Test
    void aVerifierThatFailsToSayLeavesTheReuseWindowAndStillVerifies() {
        provider.passcodeLifetime = () -> {
            throw new IllegalStateException("a provider bug");
        };
        MfaService mfa = serviceWithOneMinuteReuseWindow();

        assertThat(mfa.verify(BOB, ScriptedProvider.GOOD_PASSCODE).reason()).isEqualTo(Reason.APPROVED);
        clock.advance(Duration.ofSeconds(59));
        assertThat(mfa.verify(BOB, ScriptedProvider.GOOD_PASSCODE).reason()).isEqualTo(Reason.INVALID_PASSCODE);
    }
}
