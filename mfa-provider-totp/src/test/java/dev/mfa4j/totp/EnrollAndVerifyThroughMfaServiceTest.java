package dev.mfa4j.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mfa4j.api.EnrollmentPrompt;
import dev.mfa4j.api.EnrollmentStatus;
import dev.mfa4j.api.InvalidCredentialException;
import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.VerificationResult;
import dev.mfa4j.api.event.MfaEvent;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import dev.mfa4j.api.spi.StoredEnrollment;
import dev.mfa4j.core.InMemoryAttemptStore;
import dev.mfa4j.core.InMemoryEnrollmentStore;
import dev.mfa4j.core.InMemoryMfaConfigurationStore;
import dev.mfa4j.core.MfaService;
import dev.mfa4j.core.SealingKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A principal enrolls an authenticator app and logs in, through mfa-core, on two nodes that share
 * their stores (configurations, enrollments, attempts) and one test clock: enrollment as mfa-core
 * runs it, a code accepted once and refused again on the other node, the lockout after wrong codes,
 * and the secret sealed in the store and absent from every log line, event and result.
 */
class EnrollAndVerifyThroughMfaServiceTest {

    private static final PrincipalId BOB = PrincipalId.parse("principal/internal/user/bob");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T10:00:10Z"));
    private final InMemoryMfaConfigurationStore configurations = new InMemoryMfaConfigurationStore();
    private final InMemoryEnrollmentStore enrollments = new InMemoryEnrollmentStore();
    private final InMemoryAttemptStore attempts = new InMemoryAttemptStore();
    private final List<MfaEvent> events = new CopyOnWriteArrayList<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.mfa4j");
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private MfaService node1;
    private MfaService node2;

    @BeforeEach
    void start() {
        logs.start();
        logger.addAppender(logs);
        node1 = node();
        node2 = node();
        node1.configurations().json().create("""
                {"Type": "totp", "Name": "Authenticator", "Options": {"Issuer": "ACME Co"}}""");
        node1.principals().assign(MfaAssignment.of(BOB).configuration("Authenticator").providerUserId("bob@example.com"));
    }

    private MfaService node() {
        return MfaService.builder(ManagementAuthorizer.allowAll())
                .store(configurations).enrollmentStore(enrollments).attemptStore(attempts)
                .provider(new TotpProvider(clock))          // replaces the one found with ServiceLoader: the test's clock
                .clock(clock)
                .sealing(SealingKeys.current("k1", new byte[32]))
                .eventListener(events::add)
                .build();
    }

    @AfterEach
    void stop() {
        node1.close();
        node2.close();
        logger.detachAppender(logs);
    }

    private static String secretOf(EnrollmentPrompt prompt) {
        String query = ((EnrollmentPrompt.QrCode) prompt).uri().getRawQuery();
        return query.substring("secret=".length(), query.indexOf('&'));
    }

    private String codeNow(String secret) {
        return ReferenceTotp.code(secret, "HmacSHA1", 6, 30, clock.instant());
    }

    @Test
    void enrollThenLogInOnceAcrossTwoNodes() {
        assertThat(node1.verify(BOB, "123456").reason()).isEqualTo(Reason.ENROLLMENT_REQUIRED);

        EnrollmentPrompt prompt = node1.enrollments().begin(BOB);
        String secret = secretOf(prompt);
        String confirming = codeNow(secret);
        String wrong = String.format("%06d", (Integer.parseInt(confirming) + 1) % 1_000_000);
        assertThatThrownBy(() -> node2.enrollments().confirm(BOB, wrong)).isInstanceOf(InvalidCredentialException.class)
                .hasMessageNotContaining(wrong);
        EnrollmentStatus status = node2.enrollments().confirm(BOB, confirming);
        assertThat(status.state()).isEqualTo(EnrollmentStatus.State.ACTIVE);

        VerificationResult withConfirmingCode = node1.verify(BOB, confirming);
        clock.advance(Duration.ofSeconds(30));
        String next = codeNow(secret);
        VerificationResult first = node1.verify(BOB, next);
        VerificationResult replayOnOtherNode = node2.verify(BOB, next);
        VerificationResult grouped = node2.verify(BOB, next.substring(0, 3) + " " + next.substring(3));
        clock.advance(Duration.ofSeconds(30));
        VerificationResult later = node2.verify(BOB, codeNow(secret));

        assertThat(withConfirmingCode.reason()).as("the code typed to confirm is no login").isEqualTo(Reason.INVALID_PASSCODE);
        assertThat(first.reason()).isEqualTo(Reason.APPROVED);
        assertThat(first.allowed()).isTrue();
        assertThat(replayOnOtherNode.reason()).as("replayed on the other node").isEqualTo(Reason.INVALID_PASSCODE);
        assertThat(grouped.reason()).as("the same code in groups").isEqualTo(Reason.INVALID_PASSCODE);
        assertThat(later.reason()).isEqualTo(Reason.APPROVED);

        List<String> texts = new ArrayList<>();
        texts.add(prompt.toString());
        texts.add(status.toString());
        texts.add(List.of(withConfirmingCode, first, replayOnOtherNode, grouped, later).toString());
        events.forEach(e -> texts.add(e.toString()));
        logs.list.forEach(e -> texts.add(e.getFormattedMessage()));
        for (StoredEnrollment stored : enrollments.list(BOB)) {
            texts.add(stored.toString());
            texts.add(stored.data().values().toString());
        }
        assertThat(logs.list).isNotEmpty();
        assertThat(texts).allSatisfy(text -> assertThat(text).doesNotContain(secret)
                .doesNotContain(secret.toLowerCase(Locale.ROOT)).doesNotContain(confirming).doesNotContain(next));
        assertThat(enrollments.find(BOB, "provider/Authenticator").orElseThrow().data().value("secret"))
                .as("sealed in the store").startsWith("mfa4j-sealed:");
    }

    @Test
    void wrongCodesCountTowardTheLockoutAsForAnyProvider() {
        String secret = secretOf(node1.enrollments().begin(BOB));
        node1.enrollments().confirm(BOB, codeNow(secret));
        clock.advance(Duration.ofSeconds(30));
        String right = codeNow(secret);
        String wrong = String.format("%06d", (Integer.parseInt(right) + 1) % 1_000_000);

        for (int i = 0; i < 5; i++) {
            assertThat((i % 2 == 0 ? node1 : node2).verify(BOB, wrong).reason()).isEqualTo(Reason.INVALID_PASSCODE);
        }

        assertThat(node1.verify(BOB, right).reason()).as("locked out on both nodes").isEqualTo(Reason.TOO_MANY_ATTEMPTS);
        assertThat(node2.verify(BOB, right).reason()).isEqualTo(Reason.TOO_MANY_ATTEMPTS);
    }

    @Test
    void reEnrollingReplacesTheSecretOnceConfirmed() {
        String oldSecret = secretOf(node1.enrollments().begin(BOB));
        node1.enrollments().confirm(BOB, codeNow(oldSecret));
        String newSecret = secretOf(node2.enrollments().begin(BOB));
        clock.advance(Duration.ofSeconds(30));

        assertThat(newSecret).isNotEqualTo(oldSecret);
        assertThat(node1.verify(BOB, codeNow(oldSecret)).reason()).as("the old app still works until then").isEqualTo(Reason.APPROVED);
        node2.enrollments().confirm(BOB, codeNow(newSecret));
        clock.advance(Duration.ofSeconds(30));
        assertThat(node1.verify(BOB, codeNow(oldSecret)).reason()).isEqualTo(Reason.INVALID_PASSCODE);
        assertThat(node1.verify(BOB, codeNow(newSecret)).reason()).isEqualTo(Reason.APPROVED);
    }
}
