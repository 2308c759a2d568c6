package dev.mfa4j.spring.boot;

import dev.mfa4j.api.event.MfaEventListener;
import dev.mfa4j.api.spi.AttemptStore;
import dev.mfa4j.api.spi.EnrollmentStore;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import dev.mfa4j.api.spi.MfaConfigurationStore;
import dev.mfa4j.api.spi.MfaProvider;
import dev.mfa4j.core.AttemptPolicy;
import dev.mfa4j.core.FileAttemptStore;
import dev.mfa4j.core.FileEnrollmentStore;
import dev.mfa4j.core.FileMfaConfigurationStore;
import dev.mfa4j.core.InMemoryAttemptStore;
import dev.mfa4j.core.InMemoryEnrollmentStore;
import dev.mfa4j.core.InMemoryMfaConfigurationStore;
import dev.mfa4j.core.MfaService;
import dev.mfa4j.micrometer.MfaMetrics;
import dev.mfa4j.spring.boot.internal.DenyingAuthorizer;
import dev.mfa4j.spring.boot.internal.JdbcStores;
import dev.mfa4j.spring.boot.internal.SealingKeysFactory;
import dev.mfa4j.spring.boot.internal.StoreKind;
import dev.mfa4j.spring.security.AttemptTracker;
import dev.mfa4j.spring.security.VerificationCall;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of an {@link MfaService} from the {@code mfa4j.*} properties
 * ({@link MfaProperties}) and the application's beans:
 *
 * <ul>
 *   <li>the stores: the application's {@link MfaConfigurationStore}, {@link AttemptStore} and
 *       {@link EnrollmentStore} beans if it has them; else, by {@code mfa4j.store.type} (default {@code auto}), mfa-store-jdbc's
 *       over the application's DataSource, a store file ({@code mfa4j.store.file}), or memory
 *       (with a warning that it is not for production);</li>
 *   <li>the attempt policy from {@code mfa4j.attempts.*}; sealing from {@code mfa4j.sealing.keys};</li>
 *   <li>the application's {@link ManagementAuthorizer} bean; without one every management
 *       operation is denied (the system caller may still read, for the health check) and the
 *       start-up log says how to add one;</li>
 *   <li>providers found with {@link java.util.ServiceLoader}, plus {@link MfaProvider} beans;
 *       every {@link MfaEventListener} bean; then each {@link MfaServiceBuilderCustomizer}.</li>
 * </ul>
 *
 * With Actuator, an {@code mfa} health indicator ({@link MfaHealthIndicator}); with Micrometer and
 * mfa-micrometer, the {@link MfaMetrics} binder; with mfa-spring-security, the step's
 * {@link AttemptTracker} and, with Micrometer too, an observed {@link VerificationCall}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@EnableConfigurationProperties(MfaProperties.class)
public class MfaAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(MfaAutoConfiguration.class);

    /** Created by Spring Boot. */
    public MfaAutoConfiguration() {
    }

    /** @return the attempt policy from {@code mfa4j.attempts.*} */
    @Bean
    @ConditionalOnMissingBean
    AttemptPolicy mfaAttemptPolicy(MfaProperties properties) {
        MfaProperties.Attempts attempts = properties.getAttempts();
        return AttemptPolicy.builder()
                .maxFailures(attempts.getMaxFailures())
                .coolDown(attempts.getCoolDown())
                .maxPushes(attempts.getMaxPushes(), attempts.getPushWindow())
                .pushTtl(attempts.getPushTtl())
                .passcodeReuseWindow(attempts.getPasscodeReuseWindow())
                .build();
    }

    /** The stores and the service, unless the application builds its own service. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(MfaService.class)
    static class ServiceConfiguration {

        /** @return the kind of store, from the properties and whether the application has a DataSource */
        @Bean
        @ConditionalOnMissingBean
        StoreKind mfaStoreKind(MfaProperties properties, ObjectProvider<DataSource> dataSource, ApplicationContext context) {
            StoreKind kind = StoreKind.choose(properties, dataSource.getIfAvailable() != null, context.getClassLoader());
            if (kind == StoreKind.MEMORY) {
                LOG.warn("MFA-SPRING-010 mfa4j keeps configurations, assignments and attempt counts in memory: they are lost on restart "
                        + "and not shared between nodes, so this is not for production. Give the application a DataSource and "
                        + "dev.mfa4j:mfa-store-jdbc, or set mfa4j.store.file");
            } else {
                LOG.info("MFA-SPRING-012 mfa4j keeps its configurations and attempt counts in the {} store",
                        kind.name().toLowerCase(Locale.ROOT));
            }
            return kind;
        }

        /** @return the configuration store of the chosen kind */
        @Bean
        @ConditionalOnMissingBean
        MfaConfigurationStore mfaConfigurationStore(StoreKind kind, MfaProperties properties, ObjectProvider<DataSource> dataSource) {
            return switch (kind) {
                case MEMORY -> new InMemoryMfaConfigurationStore();
                case FILE -> FileMfaConfigurationStore.open(properties.getStore().getFile());
                case JDBC -> JdbcStores.configurations(dataSource.getObject(), properties.getStore().getJdbc());
            };
        }

        /** @return the attempt store of the chosen kind */
        @Bean
        @ConditionalOnMissingBean
        AttemptStore mfaAttemptStore(StoreKind kind, MfaProperties properties, ObjectProvider<DataSource> dataSource) {
            return switch (kind) {
                case MEMORY -> new InMemoryAttemptStore();
                case FILE -> FileAttemptStore.besideStore(properties.getStore().getFile());
                case JDBC -> JdbcStores.attempts(dataSource.getObject(), properties.getStore().getJdbc());
            };
        }

        /** @return the enrollment store of the chosen kind (TOTP secrets, recovery codes) */
        @Bean
        @ConditionalOnMissingBean
        EnrollmentStore mfaEnrollmentStore(StoreKind kind, MfaProperties properties, ObjectProvider<DataSource> dataSource) {
            return switch (kind) {
                case MEMORY -> new InMemoryEnrollmentStore();
                case FILE -> FileEnrollmentStore.besideStore(properties.getStore().getFile());
                case JDBC -> JdbcStores.enrollments(dataSource.getObject(), properties.getStore().getJdbc());
            };
        }

        /** @return the service */
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        MfaService mfaService(MfaProperties properties, MfaConfigurationStore store, AttemptStore attemptStore,
                EnrollmentStore enrollmentStore, AttemptPolicy policy,
                ObjectProvider<ManagementAuthorizer> authorizer, ObjectProvider<MfaEventListener> listeners,
                ObjectProvider<MfaProvider> providers, ObjectProvider<MfaServiceBuilderCustomizer> customizers) {
            ManagementAuthorizer chosen = authorizer.getIfAvailable(() -> {
                LOG.warn("MFA-SPRING-011 the application defines no ManagementAuthorizer bean, so every mfa4j management operation is "
                        + "denied (creating, changing or reading configurations and assignments). To manage them, define one: "
                        + "@Bean ManagementAuthorizer mfaAuthorizer() { return (caller, resourcePath, operation) -> ...; }, asking your "
                        + "own permissions (resource paths such as mfa/configurations/<name>; see docs/spring.md)");
                return new DenyingAuthorizer();
            });
            MfaService.Builder builder = MfaService.builder(chosen)
                    .store(store)
                    .attemptStore(attemptStore)
                    .enrollmentStore(enrollmentStore)
                    .attemptPolicy(policy)
                    .maxVerificationTime(properties.getMaxVerificationTime());
            if (properties.getFingerprintKey() != null) {
                builder.fingerprintKey(SealingKeysFactory.fingerprintKey(properties.getFingerprintKey()));
            }
            if (!properties.getSealing().getKeys().isEmpty()) {
                builder.sealing(SealingKeysFactory.from(properties.getSealing().getKeys()));
            }
            listeners.orderedStream().forEach(builder::eventListener);
            providers.orderedStream().forEach(builder::provider);
            customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
            return builder.build();
        }
    }

    /** The MFA step's attempt hints, when mfa-spring-security is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "dev.mfa4j.spring.security.AttemptTracker")
    static class StepConfiguration {

        /** @return the tracker, registered with the service as an event listener */
        @Bean
        @ConditionalOnMissingBean
        AttemptTracker mfaAttemptTracker(AttemptPolicy policy) {
            return new AttemptTracker(policy, Clock.systemUTC());
        }
    }

    /** Micrometer meters and observations, when Micrometer and mfa-micrometer are present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"io.micrometer.core.instrument.MeterRegistry", "dev.mfa4j.micrometer.MfaMetrics"})
    static class MetricsConfiguration {

        /** @return the binder, also registered with the service as an event listener */
        @Bean
        @ConditionalOnMissingBean
        MfaMetrics mfaMetrics(ObjectProvider<ObservationRegistry> observations) {
            return new MfaMetrics(observations.getIfAvailable(() -> ObservationRegistry.NOOP));
        }

        /** The step's verifications, observed. */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnClass(name = "dev.mfa4j.spring.security.VerificationCall")
        static class ObservedStepConfiguration {

            /** @return verifications started inside an observation */
            @Bean
            @ConditionalOnMissingBean
            VerificationCall mfaVerificationCall(MfaService mfa, MfaMetrics metrics) {
                return (principal, typed, context) -> metrics.observe(context, observed -> mfa.verifyAsync(principal, typed, observed));
            }
        }
    }

    /** The health indicator, when Actuator's health support is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class HealthConfiguration {

        /** @return the {@code mfa} health indicator */
        @Bean
        @ConditionalOnMissingBean(name = "mfaHealthIndicator")
        MfaHealthIndicator mfaHealthIndicator(MfaService mfa, MfaProperties properties) {
            return new MfaHealthIndicator(mfa, properties.getHealth().getTimeout());
        }
    }
}
