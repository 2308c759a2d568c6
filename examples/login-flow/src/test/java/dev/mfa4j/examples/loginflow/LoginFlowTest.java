package dev.mfa4j.examples.loginflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfa4j.api.Caller;
import dev.mfa4j.api.ManagementAccessDeniedException;
import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.VerificationContext;
import dev.mfa4j.core.MfaService;
import dev.mfa4j.testkit.ManualTicker;
import dev.mfa4j.testkit.duo.DuoSimulator;
import dev.mfa4j.testkit.duo.DuoUser;
import dev.mfa4j.testkit.duo.PushBehaviour;
import dev.mfa4j.testkit.junit5.StartStop;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole login, password then MFA, against the testkit's Duo simulator: one per test, so no
 * test sees another's pushes or spent passcodes.
 */
class LoginFlowTest {

    @StartStop
    final DuoSimulator duo = DuoSimulator.builder()
            .user(DuoUser.builder("bob").smartphone().passcodes("246810", "135790").build())
            .build();

    /** Fewer PBKDF2 rounds than a deployment uses, so the suite stays fast. */
    private static final int TEST_ITERATIONS = 10_000;
    private static final char[] BOB_PASSWORD = "correct horse battery staple".toCharArray();
    private static final char[] CAROL_PASSWORD = "tr0ub4dor&3".toCharArray();

    private final ByteArrayOutputStream audit = new ByteArrayOutputStream();
    private MfaService mfa;
    private LoginService login;

    @BeforeEach
    void startTheHost() {
        // A ticker nobody advances: no request times out here, however long a busy machine takes.
        mfa = HostMfa.create(new PrintStream(audit, true, StandardCharsets.UTF_8), new ManualTicker());
        mfa.configurations(AdminOnlyAuthorizer.ADMIN).json().create("{\"Type\": \"duo\", \"Name\": \"CompanyDuo\", \"Options\": {"
                + "\"Host\": \"" + duo.host() + "\", \"IntegrationKey\": \"" + duo.integration().integrationKey() + "\", "
                + "\"SecretKey\": \"" + duo.integration().secretKey() + "\", "
                + "\"CaCertificates\": \"" + duo.certificatePem().replace("\n", "\\n") + "\"}}");
        mfa.principals(AdminOnlyAuthorizer.ADMIN).assign(MfaAssignment.of(PrincipalId.parse("principal/internal/user/bob")).configuration("CompanyDuo").providerUserId(duo.user("bob").orElseThrow().userId()));
        UserDirectory users = new UserDirectory(TEST_ITERATIONS);
        users.add("bob", BOB_PASSWORD.clone());
        users.add("carol", CAROL_PASSWORD.clone());   // no MFA assigned
        login = new LoginService(users, mfa);
    }

    @AfterEach
    void stopTheHost() {
        mfa.close();
    }

    private LoginOutcome logIn(String user, char[] password, String mfaAnswer) {
        return login.login(user, password.clone(), mfaAnswer, VerificationContext.builder().clientIp("203.0.113.7").build()).join();
    }

    private List<String> auditLines() {
        return audit.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void aWrongPasswordIsRefusedAndMfaIsNeverAsked() {
        int before = duo.requestCount();

        LoginOutcome outcome = logIn("bob", "wrong".toCharArray(), "push");

        assertThat(outcome).isEqualTo(new LoginOutcome(LoginOutcome.Status.REFUSED, Optional.empty()));
        assertThat(duo.requestCount()).as("no push went to bob's phone").isEqualTo(before);
        assertThat(auditLines()).noneMatch(line -> line.contains(" verification "));
    }

    @Test
    void anUnknownUserGetsTheSameRefusalAsAWrongPassword() {
        int before = duo.requestCount();

        assertThat(logIn("mallory", BOB_PASSWORD, "push")).isEqualTo(logIn("bob", "wrong".toCharArray(), "push"));
        assertThat(duo.requestCount()).isEqualTo(before);
    }

    @Test
    void theRightPasswordThenAPasscodeLogsIn() {
        LoginOutcome outcome = logIn("bob", BOB_PASSWORD, "246810");

        assertThat(outcome).isEqualTo(new LoginOutcome(LoginOutcome.Status.LOGGED_IN, Optional.of(Reason.APPROVED)));
        assertThat(auditLines()).anyMatch(line -> line.contains(" verification principal=principal/internal/user/bob factor=passcode "
                + "configuration=CompanyDuo reason=APPROVED allowed=true client=203.0.113.7 "));
        assertThat(audit.toString(StandardCharsets.UTF_8)).doesNotContain("246810", duo.integration().secretKey());
    }

    @Test
    void theRightPasswordThenAnApprovedPushLogsIn() {
        // Approved at once: the first poll has the answer. (On a ticker nobody advances, the
        // provider's pause between two polls would never end.)
        duo.scriptNextPush("bob", PushBehaviour.approve());

        LoginOutcome outcome = logIn("bob", BOB_PASSWORD, "push");

        assertThat(outcome).isEqualTo(new LoginOutcome(LoginOutcome.Status.LOGGED_IN, Optional.of(Reason.APPROVED)));
        assertThat(auditLines()).anyMatch(line -> line.contains(" factor=push ") && line.contains(" reason=APPROVED allowed=true "));
    }

    @Test
    void aDeniedPushRefusesTheLogin() {
        duo.scriptNextPush("bob", PushBehaviour.deny());

        LoginOutcome outcome = logIn("bob", BOB_PASSWORD, "push");

        assertThat(outcome).isEqualTo(new LoginOutcome(LoginOutcome.Status.REFUSED, Optional.of(Reason.DENIED)));
        assertThat(outcome.loggedIn()).isFalse();
        assertThat(auditLines()).anyMatch(line -> line.contains(" factor=push ") && line.contains(" reason=DENIED allowed=false "));
    }

    @Test
    void theRightPasswordWithoutAnAnswerAsksForTheSecondFactor() {
        int before = duo.requestCount();

        assertThat(logIn("bob", BOB_PASSWORD, null).status()).isEqualTo(LoginOutcome.Status.MFA_REQUIRED);
        assertThat(logIn("bob", BOB_PASSWORD, "not-a-code").status()).isEqualTo(LoginOutcome.Status.MFA_REQUIRED);
        assertThat(duo.requestCount()).isEqualTo(before);
    }

    @Test
    void aUserWithoutMfaLogsInOnTheirPasswordAndDuoIsNotAsked() {
        int before = duo.requestCount();

        LoginOutcome outcome = logIn("carol", CAROL_PASSWORD, null);

        assertThat(outcome).isEqualTo(new LoginOutcome(LoginOutcome.Status.LOGGED_IN, Optional.empty()));
        assertThat(duo.requestCount()).isEqualTo(before);
        assertThat(logIn("carol", "wrong".toCharArray(), null).status()).isEqualTo(LoginOutcome.Status.REFUSED);
    }

    @Test
    void onlyTheAdminManagesMfaAndEveryChangeIsAudited() {
        assertThatThrownBy(() -> mfa.principals(Caller.of("bob")).remove(PrincipalId.parse("principal/internal/user/bob")))
                .isInstanceOf(ManagementAccessDeniedException.class)
                .hasMessage("bob may not delete mfa/principals/principal/internal/user/bob");
        assertThat(mfa.requiresMfa(PrincipalId.parse("principal/internal/user/bob"))).isTrue();

        assertThat(auditLines())
                .anyMatch(line -> line.matches("audit \\S+ configuration created name=CompanyDuo type=duo revision=1 by=admin"))
                .anyMatch(line -> line.matches("audit \\S+ assignment assigned principal=principal/internal/user/bob "
                        + "configuration=CompanyDuo by=admin"));
    }
}
