package dev.mfa4j.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mfa4j.api.InvalidConfigurationException;
import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.VerificationResult;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import dev.mfa4j.core.MfaService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The provider as a host meets it: mfa-core finds it with {@link java.util.ServiceLoader} (nothing
 * registers it), takes a {@code totp} configuration in JSON, and answers a principal who has not
 * enrolled with {@code ENROLLMENT_REQUIRED}.
 */
class ServiceLoaderEndToEndTest {

    private static final PrincipalId BOB = PrincipalId.parse("principal/internal/user/bob");

    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.mfa4j");
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private MfaService mfa;

    @BeforeEach
    void start() {
        logs.start();
        logger.addAppender(logs);
        mfa = MfaService.builder(ManagementAuthorizer.allowAll()).build();
    }

    @AfterEach
    void stop() {
        mfa.close();
        logger.detachAppender(logs);
    }

    @Test
    void mfaCoreFindsTheProviderOnTheClassPath() {
        assertThat(mfa.providerTypes()).contains("totp");
        assertThat(mfa.provider("totp")).containsInstanceOf(TotpProvider.class);
    }

    @Test
    void aConfigurationFromJsonWorksAndAPrincipalWithoutEnrollmentIsToldToEnroll() {
        mfa.configurations().json().create("""
                {"Type": "totp", "Name": "Authenticator", "Options": {"issuer": "ACME Co", "Digits": "6"}}""");
        mfa.principals().assign(MfaAssignment.of(BOB).configuration("Authenticator").providerUserId("bob@example.com"));

        VerificationResult result = mfa.verify(BOB, "123456");

        assertThat(result.allowed()).isFalse();
        assertThat(result.reason()).isEqualTo(Reason.ENROLLMENT_REQUIRED);
        assertThat(mfa.configurations().get("Authenticator").orElseThrow().option("Issuer")).as("key spelled as the spec").hasValue("ACME Co");
        assertThat(logs.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain("123456"));
    }

    @Test
    void badOptionsAreRefusedNamingEachFieldAndNothingIsStored() {
        assertThatThrownBy(() -> mfa.configurations().json().create("""
                {"Type": "totp", "Name": "Bad", "Options": {"Issuer": "ACME:Co", "Digits": "7", "Period": "300", "Secrets": "x"}}"""))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.violations())
                        .extracting(InvalidConfigurationException.Violation::field)
                        .containsExactlyInAnyOrder("Options.Issuer", "Options.Digits", "Options.Period", "Options.Secrets"));
        assertThat(mfa.configurations().list()).isEmpty();
    }
}
