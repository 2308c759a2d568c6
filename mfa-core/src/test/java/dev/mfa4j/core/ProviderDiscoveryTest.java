package dev.mfa4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfa4j.api.ProviderLoadException;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import dev.mfa4j.api.spi.MfaProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderDiscoveryTest {

    @TempDir
    Path directory;

    /** Fails in its constructor, as a provider jar with a missing dependency would. */
    public static class BrokenProvider extends ScriptedProvider {
        /** Throws. */
        public BrokenProvider() {
            throw new IllegalStateException("missing dependency");
        }
    }

    /** Claims the type the scripted provider has. */
    public static class Impostor extends ScriptedProvider {
        /** Public, for ServiceLoader. */
        public Impostor() {
        }
    }

    /** Written for a future SPI. */
    public static class FutureProvider extends ScriptedProvider {
        /** Public, for ServiceLoader. */
        public FutureProvider() {
        }

        @Override
        public int spiVersion() {
            return 2;
        }

        @Override
        public String type() {
            return "future";
        }
    }

    /** A class loader whose only provider registrations are the given class names. */
    private ClassLoader registering(String... classNames) {
        Path services = directory.resolve("dev.mfa4j.api.spi.MfaProvider");
        try {
            Files.write(services, List.of(classNames));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ClassLoader(getClass().getClassLoader()) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                if (name.equals("META-INF/services/" + MfaProvider.class.getName())) {
                    return Collections.enumeration(List.of(services.toUri().toURL()));
                }
                return super.getResources(name);
            }
        };
    }

    private static MfaService.Builder builder() {
        return MfaService.builder(ManagementAuthorizer.allowAll());
    }

    @Test
    void findsProvidersWithServiceLoader() {
        MfaService mfa = builder().classLoader(registering(ScriptedProvider.class.getName())).build();

        assertThat(mfa.providerTypes()).containsExactly("scripted");
        assertThat(mfa.provider("scripted")).get().isInstanceOf(ScriptedProvider.class);
    }

    @Test
    void aProviderThatFailsToLoadIsSkippedWithAWarningNamingItAndTheOthersStillLoad() {
        try (LogCapture logs = new LogCapture()) {
            MfaService mfa = builder().classLoader(registering(BrokenProvider.class.getName(), ScriptedProvider.class.getName(),
                    "com.example.Missing")).build();

            assertThat(mfa.providerTypes()).containsExactly("scripted");
            assertThat(logs.lines()).filteredOn(line -> line.startsWith("WARN MFA-CORE-001")).hasSize(2)
                    .anyMatch(line -> line.contains(BrokenProvider.class.getName()))
                    .anyMatch(line -> line.contains("com.example.Missing"));
        }
    }

    @Test
    void twoProvidersClaimingOneTypeFailTheBuildNamingBothClasses() {
        assertThatThrownBy(() -> builder().classLoader(registering(ScriptedProvider.class.getName(), Impostor.class.getName())).build())
                .isInstanceOf(ProviderLoadException.class)
                .hasMessageContaining("two MFA providers claim the type 'scripted'")
                .hasMessageContaining(ScriptedProvider.class.getName())
                .hasMessageContaining(Impostor.class.getName());
        assertThatThrownBy(() -> builder().discoverProviders(false).provider(new ScriptedProvider()).provider(new Impostor()).build())
                .isInstanceOf(ProviderLoadException.class);
    }

    @Test
    void anExplicitlyRegisteredProviderReplacesADiscoveredOneOfItsType() {
        Impostor chosen = new Impostor();

        MfaService mfa = builder().classLoader(registering(ScriptedProvider.class.getName())).provider(chosen).build();

        assertThat(mfa.provider("scripted")).containsSame(chosen);
    }

    @Test
    void aProviderWrittenForAnotherSpiVersionIsSkipped() {
        try (LogCapture logs = new LogCapture()) {
            MfaService mfa = builder().classLoader(registering(FutureProvider.class.getName(), ScriptedProvider.class.getName())).build();

            assertThat(mfa.providerTypes()).containsExactly("scripted");
            assertThat(logs.lines()).anyMatch(line -> line.startsWith("WARN MFA-CORE-002") && line.contains("SPI version 2"));
        }
    }

    @Test
    void noProviderAtAllIsWarnedAbout() {
        try (LogCapture logs = new LogCapture()) {
            MfaService mfa = builder().classLoader(registering()).build();

            assertThat(mfa.providerTypes()).isEmpty();
            assertThat(logs.lines()).anyMatch(line -> line.startsWith("WARN MFA-CORE-005"));
        }
    }

    @Test
    void theBuilderMakesTheHostChooseAnAuthorizer() {
        // The authorizer is the builder's one required argument: no builder exists without it.
        assertThatThrownBy(() -> MfaService.builder(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("authorizer");
    }
}
