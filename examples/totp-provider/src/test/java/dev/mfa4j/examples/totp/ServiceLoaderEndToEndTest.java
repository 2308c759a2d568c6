package dev.mfa4j.examples.totp;

import static dev.mfa4j.examples.totp.Codes.ALICE;
import static dev.mfa4j.examples.totp.Codes.ALICE_SECRET;
import static dev.mfa4j.examples.totp.Codes.BOB_SECRET;
import static dev.mfa4j.examples.totp.Codes.code;
import static dev.mfa4j.examples.totp.Codes.wrongCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mfa4j.api.InvalidConfigurationException;
import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.VerificationResult;
import dev.mfa4j.api.event.MfaEvent;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import dev.mfa4j.core.InMemoryMfaConfigurationStore;
import dev.mfa4j.core.MfaService;
import dev.mfa4j.core.SealingKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The plugin as a host meets it: mfa-core finds it with {@link java.util.ServiceLoader} only
 * because this module's classes are on the class path (nothing registers it with the builder, and
 * nothing in mfa-core names it), then creates an {@code example-totp} configuration from JSON,
 * assigns a principal and verifies codes on the system clock. Meanwhile it looks for the TOTP
 * secrets in every log line, event, JSON output, toString and the store's own copy.
 */
class ServiceLoaderEndToEndTest {

    private static final String SECRETS = "alice=" + ALICE_SECRET + ", bob=" + BOB_SECRET;

    private final InMemoryMfaConfigurationStore store = new InMemoryMfaConfigurationStore();
    private final List<MfaEvent> events = new CopyOnWriteArrayList<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.mfa4j");
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private MfaService mfa;

    @BeforeEach
    void start() {
        logs.start();
        logger.addAppender(logs);
        mfa = MfaService.builder(ManagementAuthorizer.allowAll())
                .store(store)
                .sealing(SealingKeys.current("k1", new byte[32]))
                .eventListener(events::add)
                .build();                                   // no provider(...): found with ServiceLoader
    }

    @AfterEach
    void stop() {
        mfa.close();
        logger.detachAppender(logs);
    }

    @Test
    void mfaCoreFindsThePluginOnTheClassPath() {
        assertThat(mfa.providerTypes()).contains("example-totp");
        assertThat(mfa.provider("example-totp")).containsInstanceOf(TotpProvider.class);
    }

    @Test
    void aConfigurationFromJsonVerifiesARightAndAWrongCode() {
        mfa.configurations().json().create("""
                {"Type": "example-totp", "Name": "Authenticator", "Options": {"Secrets": "%s", "Digits": "6"}}""".formatted(SECRETS));
        mfa.principals().assign(MfaAssignment.of(ALICE).configuration("Authenticator").providerUserId("alice"));
        long now = TotpGenerator.stepAt(Instant.now());

        VerificationResult wrong = mfa.verify(ALICE, wrongCode(ALICE_SECRET, now));
        VerificationResult right = mfa.verify(ALICE, code(ALICE_SECRET, now));
        VerificationResult again = mfa.verify(ALICE, code(ALICE_SECRET, now));

        assertThat(wrong.reason()).isEqualTo(Reason.INVALID_PASSCODE);
        assertThat(wrong.allowed()).isFalse();
        assertThat(right.reason()).isEqualTo(Reason.APPROVED);
        assertThat(right.allowed()).isTrue();
        assertThat(again.reason()).as("replay").isEqualTo(Reason.INVALID_PASSCODE);

        List<String> texts = new ArrayList<>();
        texts.add(mfa.configurations().json().list());
        texts.add(mfa.configurations().list().toString());
        texts.add(mfa.principals().list().toString());
        texts.add(String.valueOf(mfa.configurations().health("Authenticator").join()));
        texts.add(List.of(wrong, right, again).toString());
        events.forEach(e -> texts.add(e.toString()));
        logs.list.forEach(e -> texts.add(e.getFormattedMessage()));
        texts.add(store.findConfiguration("Authenticator").orElseThrow().option("Secrets").orElseThrow());
        assertThat(texts).isNotEmpty().allSatisfy(text -> assertThat(text).doesNotContain(ALICE_SECRET).doesNotContain(BOB_SECRET)
                .doesNotContain(ALICE_SECRET.toLowerCase(java.util.Locale.ROOT)));
        assertThat(store.findConfiguration("Authenticator").orElseThrow().option("Secrets")).hasValueSatisfying(
                sealed -> assertThat(sealed).as("sealed in the store").startsWith("mfa4j-sealed:"));
    }

    @Test
    void badOptionsAreRefusedNamingEachFieldAndNothingIsStored() {
        assertThatThrownBy(() -> mfa.configurations().json().create("""
                {"Type": "example-totp", "Name": "Bad", "Options": {"Secrets": "alice=JBSWY3DPEHPK3PXP", "Digits": "7", "Skew": "9", "Period": "60"}}"""))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.violations())
                        .extracting(InvalidConfigurationException.Violation::field)
                        .containsExactlyInAnyOrder("Options.Period", "Options.Secrets", "Options.Digits", "Options.Skew"))
                .message().doesNotContain("JBSWY3DPEHPK3PXP");
        assertThat(mfa.configurations().list()).isEmpty();
    }
}
