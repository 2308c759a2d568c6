package dev.mfa4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfa4j.api.Caller;
import dev.mfa4j.api.ManagementAccessDeniedException;
import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.event.MfaEvent;
import dev.mfa4j.api.event.MfaEventListener;
import dev.mfa4j.api.spi.AttemptStore;
import dev.mfa4j.api.spi.EnrollmentStore;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import dev.mfa4j.api.spi.MfaConfigurationStore;
import dev.mfa4j.core.AttemptPolicy;
import dev.mfa4j.core.FileAttemptStore;
import dev.mfa4j.core.FileEnrollmentStore;
import dev.mfa4j.core.FileMfaConfigurationStore;
import dev.mfa4j.core.InMemoryAttemptStore;
import dev.mfa4j.core.InMemoryEnrollmentStore;
import dev.mfa4j.core.InMemoryMfaConfigurationStore;
import dev.mfa4j.core.MfaService;
import dev.mfa4j.micrometer.MfaMetrics;
import dev.mfa4j.spring.boot.internal.StoreKind;
import dev.mfa4j.spring.security.AttemptTracker;
import dev.mfa4j.spring.security.VerificationCall;
import dev.mfa4j.store.jdbc.JdbcAttemptStore;
import dev.mfa4j.store.jdbc.JdbcEnrollmentStore;
import dev.mfa4j.store.jdbc.JdbcMfaConfigurationStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

@ExtendWith(OutputCaptureExtension.class)
class MfaAutoConfigurationTest {

    private static final String FAKE = "{\"Type\": \"fake\", \"Name\": \"Demo\", \"Options\": {\"Passcode\": \"77552\"}}";
    private static final PrincipalId BOB = PrincipalId.parse("principal/internal/user/bob");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MfaAutoConfiguration.class));

    private static DataSource h2() {
        return new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    private static ManagementAuthorizer allowAll() {
        return ManagementAuthorizer.allowAll();
    }

    @Test
    void withNothingItBuildsAnInMemoryServiceAndWarnsThatItIsNotForProduction(CapturedOutput output) {
        runner.run(context -> {
            assertThat(context).hasSingleBean(MfaService.class).hasSingleBean(AttemptPolicy.class);
            assertThat(context.getBean(StoreKind.class)).isEqualTo(StoreKind.MEMORY);
            assertThat(context.getBean(MfaConfigurationStore.class)).isInstanceOf(InMemoryMfaConfigurationStore.class);
            assertThat(context.getBean(AttemptStore.class)).isInstanceOf(InMemoryAttemptStore.class);
            assertThat(context.getBean(EnrollmentStore.class)).isInstanceOf(InMemoryEnrollmentStore.class);
            assertThat(context.getBean(MfaService.class).providerTypes()).contains("fake");
        });
        assertThat(output).contains("MFA-SPRING-010", "not for production");
    }

    @Test
    void withoutAnAuthorizerManagementIsDeniedAndTheLogSaysHowToAddOne(CapturedOutput output) {
        runner.run(context -> {
            MfaService mfa = context.getBean(MfaService.class);
            assertThatThrownBy(() -> mfa.configurations(Caller.of("admin")).json().create(FAKE))
                    .isInstanceOf(ManagementAccessDeniedException.class);
            assertThatThrownBy(() -> mfa.configurations(Caller.system()).json().create(FAKE))
                    .isInstanceOf(ManagementAccessDeniedException.class);
            assertThatThrownBy(() -> mfa.configurations(Caller.of("system")).list()).isInstanceOf(ManagementAccessDeniedException.class);
            assertThat(mfa.configurations(Caller.system()).list()).isEmpty();   // the health check's read
        });
        assertThat(output).contains("MFA-SPRING-011", "@Bean ManagementAuthorizer");
    }

    @Test
    void theApplicationsAuthorizerDecides(CapturedOutput output) {
        runner.withBean(ManagementAuthorizer.class, () -> (caller, path, operation) -> caller.name().equals("admin"))
                .run(context -> {
                    MfaService mfa = context.getBean(MfaService.class);
                    mfa.configurations(Caller.of("admin")).json().create(FAKE);
                    assertThatThrownBy(() -> mfa.configurations(Caller.of("mallory")).list())
                            .isInstanceOf(ManagementAccessDeniedException.class);
                    assertThat(mfa.configurations(Caller.of("admin")).list()).hasSize(1);
                });
        assertThat(output).doesNotContain("MFA-SPRING-011");
    }

    @Test
    void aDataSourceMeansTheJdbcStoresWithTheirTablesCreated() {
        DataSource dataSource = h2();
        runner.withBean(DataSource.class, () -> dataSource).withBean(ManagementAuthorizer.class, MfaAutoConfigurationTest::allowAll)
                .withPropertyValues("mfa4j.store.jdbc.table-prefix=app_mfa_")
                .run(context -> {
                    assertThat(context.getBean(StoreKind.class)).isEqualTo(StoreKind.JDBC);
                    assertThat(context.getBean(MfaConfigurationStore.class)).isInstanceOf(JdbcMfaConfigurationStore.class);
                    assertThat(context.getBean(AttemptStore.class)).isInstanceOf(JdbcAttemptStore.class);
                    assertThat(context.getBean(EnrollmentStore.class)).isInstanceOf(JdbcEnrollmentStore.class);
                    context.getBean(MfaService.class).configurations().json().create(FAKE);
                    try (Connection connection = dataSource.getConnection();
                            ResultSet rows = connection.createStatement().executeQuery("SELECT name FROM app_mfa_configuration")) {
                        assertThat(rows.next()).isTrue();
                        assertThat(rows.getString(1)).isEqualTo("Demo");
                    }
                });
    }

    /** The assignment is removed behind the store's back: only a cached lookup still finds it. */
    @Test
    void theLookupCachePropertyTurnsTheJdbcStoresCacheOn() {
        for (String maxAge : new String[] {"0s", "1h"}) {
            DataSource dataSource = h2();
            runner.withBean(DataSource.class, () -> dataSource).withBean(ManagementAuthorizer.class, MfaAutoConfigurationTest::allowAll)
                    .withPropertyValues("mfa4j.store.jdbc.lookup-cache=" + maxAge)
                    .run(context -> {
                        MfaService mfa = context.getBean(MfaService.class);
                        mfa.configurations().json().create(FAKE);
                        mfa.principals().assign(MfaAssignment.of(BOB).configuration("Demo").providerUserId("bob"));
                        assertThat(mfa.requiresMfa(BOB)).isTrue();
                        try (Connection connection = dataSource.getConnection()) {
                            connection.createStatement().executeUpdate("DELETE FROM mfa_assignment");
                        }
                        assertThat(mfa.requiresMfa(BOB)).as("lookup cache %s", maxAge).isEqualTo(maxAge.equals("1h"));
                    });
        }
    }

    @Test
    void withoutMigrationAnEmptyDatabaseIsRefused() {
        runner.withBean(DataSource.class, MfaAutoConfigurationTest::h2).withPropertyValues("mfa4j.store.jdbc.migrate=false")
                .run(context -> assertThat(context).hasFailed()
                        .getFailure().hasStackTraceContaining(dev.mfa4j.api.StoreException.class.getName()));
    }

    @Test
    void aDataSourceWithoutTheJdbcStoreJarMeansMemory() {
        runner.withBean(DataSource.class, MfaAutoConfigurationTest::h2)
                .withClassLoader(new FilteredClassLoader(JdbcMfaConfigurationStore.class))
                .run(context -> assertThat(context.getBean(StoreKind.class)).isEqualTo(StoreKind.MEMORY));
    }

    @Test
    void aStoreFileMeansTheFileStores(@TempDir Path directory) {
        Path file = directory.resolve("store.json");
        runner.withBean(ManagementAuthorizer.class, MfaAutoConfigurationTest::allowAll)
                .withPropertyValues("mfa4j.store.file=" + file)
                .run(context -> {
                    assertThat(context.getBean(StoreKind.class)).isEqualTo(StoreKind.FILE);
                    assertThat(context.getBean(MfaConfigurationStore.class)).isInstanceOf(FileMfaConfigurationStore.class);
                    assertThat(context.getBean(AttemptStore.class)).isInstanceOf(FileAttemptStore.class);
                    assertThat(context.getBean(EnrollmentStore.class)).isInstanceOf(FileEnrollmentStore.class);
                    MfaService mfa = context.getBean(MfaService.class);
                    mfa.configurations().json().create(FAKE);
                    mfa.principals().assign(MfaAssignment.of(BOB).configuration("Demo").providerUserId("bob"));
                    mfa.verify(BOB, "111111");
                });
        assertThat(file).exists();
        assertThat(directory.resolve("store.json.attempts")).exists();
    }

    @Test
    void aNamedStoreTypeWinsOverWhatTheApplicationHas(@TempDir Path directory) {
        runner.withBean(DataSource.class, MfaAutoConfigurationTest::h2).withPropertyValues("mfa4j.store.type=memory")
                .run(context -> assertThat(context.getBean(StoreKind.class)).isEqualTo(StoreKind.MEMORY));
        runner.withBean(DataSource.class, MfaAutoConfigurationTest::h2)
                .withPropertyValues("mfa4j.store.type=file", "mfa4j.store.file=" + directory.resolve("s.json"))
                .run(context -> assertThat(context.getBean(StoreKind.class)).isEqualTo(StoreKind.FILE));
    }

    @Test
    void aStoreTypeThatCannotBeBuiltFailsTheStartWithTheReason() {
        runner.withPropertyValues("mfa4j.store.type=file")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("mfa4j.store.file is not set"));
        runner.withPropertyValues("mfa4j.store.type=jdbc")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("no DataSource bean"));
        runner.withPropertyValues("mfa4j.store.type=jdbc").withBean(DataSource.class, MfaAutoConfigurationTest::h2)
                .withClassLoader(new FilteredClassLoader(JdbcMfaConfigurationStore.class))
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("mfa-store-jdbc"));
    }

    @Test
    void theApplicationsOwnStoresAreUsed() {
        InMemoryMfaConfigurationStore own = new InMemoryMfaConfigurationStore();
        runner.withBean(MfaConfigurationStore.class, () -> own).withBean(ManagementAuthorizer.class, MfaAutoConfigurationTest::allowAll)
                .withBean(DataSource.class, MfaAutoConfigurationTest::h2)
                .run(context -> {
                    assertThat(context.getBean(MfaConfigurationStore.class)).isSameAs(own);
                    context.getBean(MfaService.class).configurations().json().create(FAKE);
                    assertThat(own.listConfigurations()).hasSize(1);
                });
    }

    @Test
    void theAttemptPolicyComesFromTheProperties() {
        runner.withPropertyValues("mfa4j.attempts.max-failures=3", "mfa4j.attempts.cool-down=2m", "mfa4j.attempts.max-pushes=7",
                "mfa4j.attempts.push-window=1m", "mfa4j.attempts.push-ttl=90s", "mfa4j.attempts.passcode-reuse-window=20m")
                .run(context -> assertThat(context.getBean(AttemptPolicy.class)).isEqualTo(new AttemptPolicy(3, Duration.ofMinutes(2), 7,
                        Duration.ofMinutes(1), Duration.ofSeconds(90), Duration.ofMinutes(20))));
        runner.withPropertyValues("mfa4j.attempts.max-failures=0")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("maxFailures"));
    }

    @Test
    void secretsAreSealedWithTheFirstKeyAndOpenedWithEither() {
        String current = Base64.getEncoder().encodeToString(new byte[32]);
        byte[] previousBytes = new byte[32];
        previousBytes[0] = 7;
        String previous = Base64.getEncoder().encodeToString(previousBytes);
        InMemoryMfaConfigurationStore store = new InMemoryMfaConfigurationStore();
        runner.withBean(MfaConfigurationStore.class, () -> store).withBean(ManagementAuthorizer.class, MfaAutoConfigurationTest::allowAll)
                .withPropertyValues("mfa4j.sealing.keys[0].id=2026-11", "mfa4j.sealing.keys[0].key=" + current,
                        "mfa4j.sealing.keys[1].id=2026-05", "mfa4j.sealing.keys[1].key=" + previous)
                .run(context -> {
                    MfaService mfa = context.getBean(MfaService.class);
                    mfa.configurations().json().create("{\"Type\": \"fake\", \"Name\": \"Sealed\", \"Options\": {\"Passcode\": \"24680\"}}");
                    assertThat(store.findConfiguration("Sealed").orElseThrow().options().get("Passcode")).startsWith("mfa4j-sealed:v1:2026-11:");
                    mfa.principals().assign(MfaAssignment.of(BOB).configuration("Sealed").providerUserId("bob"));
                    assertThat(mfa.verify(BOB, "24680").allowed()).isTrue();
                });
    }

    @Test
    void aBadSealingKeyFailsTheStartWithoutShowingTheKey() {
        runner.withPropertyValues("mfa4j.sealing.keys[0].id=k1", "mfa4j.sealing.keys[0].key=c2hvcnQta2V5LXNlY3JldA==")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("mfa4j.sealing.keys[0]").message().doesNotContain("c2hvcnQta2V5LXNlY3JldA"));
        runner.withPropertyValues("mfa4j.sealing.keys[0].key=" + Base64.getEncoder().encodeToString(new byte[32]))
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("mfa4j.sealing.keys[0].id is not set"));
    }

    @Test
    void aFingerprintKeyIsPassedOnAndABadOneFailsTheStartWithoutShowingIt() {
        byte[] key = new byte[32];
        key[5] = 9;
        runner.withBean(ManagementAuthorizer.class, MfaAutoConfigurationTest::allowAll)
                .withPropertyValues("mfa4j.fingerprint-key=" + Base64.getEncoder().encodeToString(key))
                .run(context -> {
                    MfaService mfa = context.getBean(MfaService.class);
                    mfa.configurations().json().create(FAKE);
                    mfa.principals().assign(MfaAssignment.of(BOB).configuration("Demo").providerUserId("bob"));
                    assertThat(mfa.verify(BOB, "77552").allowed()).isTrue();
                    assertThat(mfa.verify(BOB, "77552").allowed()).as("still used once only").isFalse();
                });
        runner.withPropertyValues("mfa4j.fingerprint-key=c2hvcnQta2V5LXNlY3JldA==")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("mfa4j.fingerprint-key must be at least 32 bytes").message()
                        .doesNotContain("c2hvcnQta2V5LXNlY3JldA"));
    }

    @Test
    void providerListenerAndCustomizerBeansReachTheBuilder() {
        List<MfaEvent> events = new CopyOnWriteArrayList<>();
        runner.withBean(ManagementAuthorizer.class, MfaAutoConfigurationTest::allowAll)
                .withBean(ProbeProvider.class, ProbeProvider::new)
                .withBean(MfaEventListener.class, () -> events::add)
                .withBean(MfaServiceBuilderCustomizer.class, () -> builder -> builder.maxVerificationTime(Duration.ofSeconds(5)))
                .run(context -> {
                    MfaService mfa = context.getBean(MfaService.class);
                    assertThat(mfa.providerTypes()).contains("probe", "fake");
                    mfa.configurations().json().create(FAKE);
                    assertThat(events).hasSize(1);
                });
    }

    @Test
    void theApplicationsOwnServiceIsLeftAlone() {
        runner.withBean(MfaService.class, () -> MfaService.builder(allowAll()).build())
                .run(context -> assertThat(context).hasSingleBean(MfaService.class).doesNotHaveBean(MfaConfigurationStore.class));
    }

    @Test
    void withMicrometerTheMetricsBinderListensToTheService() {
        runner.withBean(ManagementAuthorizer.class, MfaAutoConfigurationTest::allowAll)
                .run(context -> {
                    MfaMetrics metrics = context.getBean(MfaMetrics.class);
                    MeterRegistry registry = new SimpleMeterRegistry();
                    metrics.bindTo(registry);
                    MfaService mfa = context.getBean(MfaService.class);
                    mfa.configurations().json().create(FAKE);
                    mfa.principals().assign(MfaAssignment.of(BOB).configuration("Demo").providerUserId("bob"));
                    context.getBean(VerificationCall.class).verifyAsync(BOB, "77552", dev.mfa4j.api.VerificationContext.empty()).join();
                    assertThat(registry.get(MfaMetrics.VERIFICATIONS).tag("reason", "approved").counter().count()).isEqualTo(1);
                });
        runner.withClassLoader(new FilteredClassLoader(MfaMetrics.class))
                .run(context -> assertThat(context).doesNotHaveBean(MfaMetrics.class).doesNotHaveBean(VerificationCall.class));
        runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
                .run(context -> assertThat(context).doesNotHaveBean(MfaMetrics.class));
    }

    @Test
    void withTheSpringSecurityStepTheAttemptTrackerFollowsThePolicy() {
        runner.withPropertyValues("mfa4j.attempts.max-failures=2").withBean(ManagementAuthorizer.class, MfaAutoConfigurationTest::allowAll)
                .run(context -> {
                    AttemptTracker tracker = context.getBean(AttemptTracker.class);
                    MfaService mfa = context.getBean(MfaService.class);
                    mfa.configurations().json().create(FAKE);
                    mfa.principals().assign(MfaAssignment.of(BOB).configuration("Demo").providerUserId("bob"));
                    mfa.verify(BOB, "111111");
                    assertThat(tracker.attemptsLeft(BOB)).hasValue(1);
                    mfa.verify(BOB, "111112");
                    assertThat(tracker.lockedOut(BOB)).isTrue();
                });
        runner.withClassLoader(new FilteredClassLoader(AttemptTracker.class))
                .run(context -> assertThat(context).doesNotHaveBean("mfaAttemptTracker"));
    }

    @Test
    void theHealthIndicatorReportsEveryConfiguration() {
        runner.withBean(ManagementAuthorizer.class, MfaAutoConfigurationTest::allowAll).withBean(ProbeProvider.class, ProbeProvider::new)
                .run(context -> {
                    HealthIndicator health = context.getBean("mfaHealthIndicator", HealthIndicator.class);
                    MfaService mfa = context.getBean(MfaService.class);
                    assertThat(health.health().getStatus()).isEqualTo(Status.UNKNOWN);

                    mfa.configurations().json().create("{\"Type\": \"probe\", \"Name\": \"Good\", \"Options\": {\"State\": \"HEALTHY\"}}");
                    assertThat(health.health().getStatus()).isEqualTo(Status.UP);

                    mfa.configurations().json().create("{\"Type\": \"probe\", \"Name\": \"Bad\", \"Options\": {\"State\": \"UNHEALTHY\"}}");
                    Health down = health.health();
                    assertThat(down.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(down.getDetails().get("configurations").toString()).contains("Good", "Bad", "probe says UNHEALTHY");
                });
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(context -> assertThat(context).doesNotHaveBean("mfaHealthIndicator"));
    }

    @Test
    void theHealthIndicatorWorksWithoutAnAuthorizer() {
        runner.withBean(ProbeProvider.class, ProbeProvider::new)
                .run(context -> assertThat(context.getBean(MfaHealthIndicator.class).health().getStatus()).isEqualTo(Status.UNKNOWN));
    }
}
