package com.example.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.VerificationResult;
import dev.mfa4j.api.event.VerificationEvent;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import dev.mfa4j.core.MfaService;
import dev.mfa4j.store.jdbc.JdbcAttemptStore;
import dev.mfa4j.store.jdbc.JdbcMfaConfigurationStore;
import dev.mfa4j.testkit.duo.DuoSimulator;
import dev.mfa4j.testkit.duo.DuoUser;
import dev.mfa4j.testkit.duo.PushBehaviour;
import dev.mfa4j.testkit.junit5.StartStop;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The staged artifacts on the class path, as a host uses them: mfa-core with the Duo provider and
 * the JDBC store over H2, a third party's plugin, and an event listener, all found by
 * ServiceLoader; Duo is the testkit's simulator on loopback.
 */
class ClassPathHostTest {

    @StartStop
    static final DuoSimulator duo = DuoSimulator.builder()
            .user(DuoUser.builder("bob").smartphone().passcodes("246810").build())
            .build();

    private static final PrincipalId BOB = PrincipalId.parse("principal/internal/user/bob");
    private static final PrincipalId ALICE = PrincipalId.parse("principal/internal/user/alice");

    private JdbcDataSource database;
    private MfaService mfa;

    @BeforeEach
    void startTheHost() {
        database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        mfa = newService();
        mfa.configurations().create("CompanyDuo", "duo", Map.of(
                "Host", duo.host(),
                "IntegrationKey", duo.integration().integrationKey(),
                "SecretKey", duo.integration().secretKey(),
                "CaCertificates", duo.certificatePem()));
        mfa.principals().assign(MfaAssignment.of(BOB).configuration("CompanyDuo")
                .providerUserId(duo.user("bob").orElseThrow().userId()));
        RecordingListener.EVENTS.clear();
    }

    private MfaService newService() {
        return MfaService.builder(ManagementAuthorizer.allowAll())
                .store(JdbcMfaConfigurationStore.builder(database).build())
                .attemptStore(JdbcAttemptStore.builder(database).build())
                .build();
    }

    @AfterEach
    void stopTheHost() {
        mfa.close();
    }

    @Test
    void mfa4jComesFromTheStagedJars() {
        for (Class<?> type : new Class<?>[] {MfaService.class, PrincipalId.class, JdbcMfaConfigurationStore.class, DuoSimulator.class}) {
            Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().getPath());
            assertThat(jar.toString()).as(type.getName()).endsWith(".jar").contains("/dev/mfa4j/");
        }
        assertThat(mfa.providerTypes()).contains("duo", "pin");
    }

    @Test
    void aPasscodeIsVerifiedOnceAgainstDuo() {
        VerificationResult first = mfa.verify(BOB, "246810");
        VerificationResult replay = mfa.verify(BOB, "246810");

        assertThat(first.allowed()).isTrue();
        assertThat(first.reason()).isEqualTo(Reason.APPROVED);
        assertThat(replay.allowed()).isFalse();
    }

    @Test
    void anApprovedPushLetsBobIn() {
        duo.scriptNextPush("bob", PushBehaviour.approveAfter(Duration.ofMillis(200)));

        VerificationResult result = mfa.verify(BOB, "push");

        assertThat(result.allowed()).isTrue();
        assertThat(result.reason()).isEqualTo(Reason.APPROVED);
    }

    @Test
    void aDeniedPushKeepsBobOut() {
        duo.scriptNextPush("bob", PushBehaviour.deny());

        VerificationResult result = mfa.verify(BOB, "push");

        assertThat(result.allowed()).isFalse();
        assertThat(result.reason()).isEqualTo(Reason.DENIED);
    }

    @Test
    void theThirdPartyPluginVerifiesItsPin() {
        mfa.configurations().create("Kiosk", "pin", Map.of("Pin", "4242"));
        mfa.principals().assign(MfaAssignment.of(ALICE).configuration("Kiosk").providerUserId("alice"));

        assertThat(mfa.verify(ALICE, "4242").allowed()).isTrue();
        assertThat(mfa.verify(ALICE, "1111").reason()).isEqualTo(Reason.INVALID_PASSCODE);
        assertThat(mfa.provider("pin").orElseThrow().getClass().getName()).isEqualTo("com.example.mfa.pin.PinProvider");
    }

    @Test
    void theListenerFoundByServiceLoaderHearsEachVerification() {
        mfa.verify(BOB, "000000");

        assertThat(RecordingListener.EVENTS).filteredOn(VerificationEvent.class::isInstance)
                .map(VerificationEvent.class::cast)
                .singleElement()
                .satisfies(event -> {
                    assertThat(event.principal()).isEqualTo(BOB);
                    assertThat(event.allowed()).isFalse();
                    assertThat(event.reason()).contains(Reason.INVALID_PASSCODE);
                });
    }

    @Test
    void theDatabaseKeepsConfigurationsForTheNextNode() {
        try (MfaService otherNode = newService()) {
            assertThat(otherNode.configurations().get("CompanyDuo")).hasValueSatisfying(
                    configuration -> assertThat(configuration.type()).isEqualTo("duo"));
            assertThat(otherNode.requiresMfa(BOB)).isTrue();
        }
    }
}
