package dev.mfa4j.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.mfa4j.api.spi.MfaProvider;
import dev.mfa4j.api.spi.MfaVerifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The house rules of design.md, over the main classes of every module. */
class DependencyRulesTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.mfa4j");
    }

    @Test
    void mfaApiDependsOnTheJdkOnly() {
        noClasses().that().resideInAPackage("dev.mfa4j.api..")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "dev.mfa4j.api..", "org.jspecify..")
                .check(classes);
    }

    @Test
    void theJdbcStoreDependsOnTheApiJavaSqlSlf4jAndCaffeineOnly() {
        noClasses().that().resideInAPackage("dev.mfa4j.store.jdbc..")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "javax.sql..", "dev.mfa4j.api..",
                        "dev.mfa4j.store.jdbc..", "org.slf4j..", "com.github.benmanes.caffeine.cache..")
                .check(classes);
        // Caffeine is the opt-in lookup cache's mechanics: only the internal package names it.
        noClasses().that().resideInAPackage("dev.mfa4j.store.jdbc")
                .should().dependOnClassesThat().resideInAPackage("com.github.benmanes.caffeine..")
                .check(classes);
    }

    @Test
    void theTotpProviderDependsOnTheApiAndZxingOnly() {
        noClasses().that().resideInAPackage("dev.mfa4j.totp..")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "javax.crypto..", "dev.mfa4j.api..",
                        "dev.mfa4j.totp..", "com.google.zxing..")
                .check(classes);
    }

    @Test
    void noProviderImportsMfaCore() {
        noClasses().that().resideInAPackage("dev.mfa4j.duo..")
                .should().dependOnClassesThat().resideInAPackage("dev.mfa4j.core..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.mfa4j.totp..")
                .should().dependOnClassesThat().resideInAPackage("dev.mfa4j.core..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.mfa4j.examples.totp..")
                .should().dependOnClassesThat().resideInAPackage("dev.mfa4j.core..")
                .check(classes);
        noClasses().that().implement(MfaProvider.class).or().implement(MfaVerifier.class)
                .should().dependOnClassesThat().resideInAPackage("dev.mfa4j.core..")
                .check(classes);
    }

    @Test
    void mfaCoreNamesNoConcreteProvider() {
        noClasses().that().resideInAPackage("dev.mfa4j.core..")
                .should().dependOnClassesThat().implement(MfaProvider.class)
                .orShould().dependOnClassesThat().resideInAnyPackage("dev.mfa4j.duo..", "dev.mfa4j.totp..", "dev.mfa4j.testkit..",
                        "dev.mfa4j.examples..")
                .check(classes);
    }

    @Test
    void librariesLogThroughSlf4jNeverTheConsole() {
        noClasses().that().resideInAnyPackage("dev.mfa4j.api..", "dev.mfa4j.core..", "dev.mfa4j.duo..", "dev.mfa4j.totp..",
                        "dev.mfa4j.store..")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .orShould().callMethod(Throwable.class, "printStackTrace")
                .check(classes);
    }

    @Test
    void theDuoSimulatorHasNoJunitInIt() {
        noClasses().that().resideInAPackage("dev.mfa4j.testkit.duo..")
                .should().dependOnClassesThat().resideInAnyPackage("org.junit..", "org.assertj..")
                .allowEmptyShould(true)
                .check(classes);
    }
}
