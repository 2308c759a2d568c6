package dev.mfa4j.core;

import static dev.mfa4j.core.Fixtures.BOB;
import static dev.mfa4j.core.Fixtures.CONFIG_JSON;
import static dev.mfa4j.core.Fixtures.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfa4j.api.Caller;
import dev.mfa4j.api.InvalidCredentialException;
import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.VerificationContext;
import dev.mfa4j.api.event.AssignmentEvent;
import dev.mfa4j.api.event.ConfigurationEvent;
import dev.mfa4j.api.event.MfaEvent;
import dev.mfa4j.api.event.VerificationEvent;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Exactly one event per verification attempt, events for management changes, and no secret in any. */
class AuditEventsTest {

    private final ScriptedProvider provider = new ScriptedProvider();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T10:00:00Z"));
    private final List<MfaEvent> events = new CopyOnWriteArrayList<>();
    private MfaService mfa;

    @BeforeEach
    void configure() {
        mfa = MfaService.builder(ManagementAuthorizer.allowAll()).discoverProviders(false).provider(provider)
                .clock(clock).eventListener(events::add).build();
    }

    private List<VerificationEvent> verifications() {
        return events.stream().filter(VerificationEvent.class::isInstance).map(VerificationEvent.class::cast).toList();
    }

    @Test
    void aVerificationEmitsOneEventWithEveryField() {
        mfa.configurations().json().create(CONFIG_JSON);
        mfa.principals().assign(MfaAssignment.of(BOB).configuration("Main").providerUserId("bob"));

        mfa.verify(BOB, ScriptedProvider.GOOD_PASSCODE, VerificationContext.builder().clientIp("203.0.113.7").applicationName("Vault UI")
                .requestId("req-1").build());

        assertThat(verifications()).singleElement().satisfies(e -> {
            assertThat(e.time()).isEqualTo(Instant.parse("2026-11-28T10:00:00Z"));
            assertThat(e.requestId()).isEqualTo("req-1");
            assertThat(e.principal()).isEqualTo(BOB);
            assertThat(e.clientIp()).contains("203.0.113.7");
            assertThat(e.applicationName()).contains("Vault UI");
            assertThat(e.configurationName()).contains("Main");
            assertThat(e.providerType()).contains("scripted");
            assertThat(e.factor()).isEqualTo("passcode");
            assertThat(e.reason()).contains(Reason.APPROVED);
            assertThat(e.allowed()).isTrue();
            assertThat(e.duration()).isGreaterThanOrEqualTo(Duration.ZERO);
        });
    }

    @Test
    void everyKindOfEndEmitsExactlyOneEvent() {
        PrincipalId alice = PrincipalId.user("internal", "alice");
        mfa.configurations().json().create(CONFIG_JSON);
        mfa.principals().assign(MfaAssignment.of(BOB).configuration("Main").providerUserId("bob"));

        mfa.verify(alice, "123456");                                   // not configured
        mfa.verify(BOB, ScriptedProvider.GOOD_PASSCODE);               // approved
        mfa.verify(BOB, ScriptedProvider.GOOD_PASSCODE);               // replay
        for (int i = 0; i < 5; i++) {
            mfa.verify(BOB, String.format("%06d", i));                 // wrong, then locked out
        }
        assertThatThrownBy(() -> mfa.verify(BOB, "abc")).isInstanceOf(InvalidCredentialException.class);

        assertThat(verifications()).extracting(e -> e.reason().map(Reason::name).orElse("refused input"))
                .containsExactly("NOT_CONFIGURED", "APPROVED", "INVALID_PASSCODE", "INVALID_PASSCODE", "INVALID_PASSCODE",
                        "INVALID_PASSCODE", "INVALID_PASSCODE", "TOO_MANY_ATTEMPTS", "refused input");
        assertThat(verifications().get(verifications().size() - 1).factor()).isEqualTo("invalid");
    }

    @Test
    void managementChangesEmitEventsNamingTheCaller() {
        Caller admin = Caller.of("admin@example.com");
        mfa.configurations(admin).json().create(CONFIG_JSON);
        mfa.configurations(admin).json().update("Main", "{\"Options\": {\"Endpoint\": \"https://b.example.com\"}}");
        mfa.principals(admin).assign(MfaAssignment.of(BOB).configuration("Main").providerUserId("bob"));
        mfa.principals(admin).assign(MfaAssignment.of(BOB).configuration("Main").providerUserId("bob2"));
        mfa.principals(admin).remove(BOB);
        mfa.principals(admin).assign(MfaAssignment.of(BOB).configuration("Main").providerUserId("bob"));
        mfa.configurations(admin).delete("Main", true);

        assertThat(events).allSatisfy(e -> assertThat(e).isNotInstanceOf(VerificationEvent.class));
        assertThat(events).extracting(Object::getClass).extracting(Class::getSimpleName).containsExactly("ConfigurationEvent",
                "ConfigurationEvent", "AssignmentEvent", "AssignmentEvent", "AssignmentEvent", "AssignmentEvent", "ConfigurationEvent");
        assertThat(events.get(0)).isEqualTo(new ConfigurationEvent(clock.instant(), admin, ConfigurationEvent.Action.CREATED, "Main",
                "scripted", 1, 0));
        assertThat(events.get(1)).satisfies(e -> assertThat(((ConfigurationEvent) e).revision()).isEqualTo(2));
        assertThat(events.get(3)).isEqualTo(new AssignmentEvent(clock.instant(), admin, AssignmentEvent.Action.ASSIGNED, BOB,
                Optional.of("Main"), Optional.of("Main")));
        assertThat(events.get(4)).satisfies(e -> assertThat(((AssignmentEvent) e).action()).isEqualTo(AssignmentEvent.Action.REMOVED));
        assertThat(events.get(6)).isEqualTo(new ConfigurationEvent(clock.instant(), admin, ConfigurationEvent.Action.DELETED, "Main",
                "scripted", 2, 1));
    }

    @Test
    void noEventCarriesASecretOrAPasscode() {
        mfa.configurations().json().create(CONFIG_JSON);
        mfa.principals().assign(MfaAssignment.of(BOB).configuration("Main").providerUserId("bob"));
        mfa.verify(BOB, ScriptedProvider.GOOD_PASSCODE);
        mfa.verify(BOB, ScriptedProvider.GOOD_PASSCODE);
        mfa.verify(BOB, "987654");

        assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e.toString()).doesNotContain(TOKEN)
                .doesNotContain(ScriptedProvider.GOOD_PASSCODE).doesNotContain("987654"));
    }

    @Test
    void aListenerThatThrowsChangesNoResult() {
        MfaService noisy = MfaService.builder(ManagementAuthorizer.allowAll()).discoverProviders(false).provider(provider)
                .eventListener(e -> {
                    throw new IllegalStateException("audit sink down");
                }).build();
        noisy.configurations().json().create(CONFIG_JSON);
        noisy.principals().assign(MfaAssignment.of(BOB).configuration("Main").providerUserId("bob"));

        try (LogCapture logs = new LogCapture()) {
            assertThat(noisy.verify(BOB, ScriptedProvider.GOOD_PASSCODE).reason()).isEqualTo(Reason.APPROVED);
            assertThat(logs.lines()).anyMatch(line -> line.startsWith("WARN MFA-CORE-030"));
        }
    }
}
