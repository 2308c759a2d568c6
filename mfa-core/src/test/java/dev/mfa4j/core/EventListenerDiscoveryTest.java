package dev.mfa4j.core;

import dev.mfa4j.api.MfaAssignment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.event.MfaEvent;
import dev.mfa4j.api.event.MfaEventListener;
import dev.mfa4j.api.event.VerificationEvent;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Event listeners are found with ServiceLoader as well as registered with the builder. */
class EventListenerDiscoveryTest {

    /** Found through META-INF/services; records into a static list, as ServiceLoader makes the instance. */
    public static class RecordingListener implements MfaEventListener {
        static final List<MfaEvent> SEEN = new CopyOnWriteArrayList<>();

        /** Public, for ServiceLoader. */
        public RecordingListener() {
        }

        @Override
        public void onEvent(MfaEvent event) {
            SEEN.add(event);
        }
    }

    @TempDir
    Path directory;

    @Test
    void aListenerListedInMetaInfServicesGetsEveryEventAndOneGivenToTheBuilderToo() throws IOException {
        Path services = directory.resolve(MfaEventListener.class.getName());
        Files.write(services, List.of(RecordingListener.class.getName()));
        ClassLoader loader = new ClassLoader(getClass().getClassLoader()) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                if (name.equals("META-INF/services/" + MfaEventListener.class.getName())) {
                    return Collections.enumeration(List.of(services.toUri().toURL()));
                }
                return super.getResources(name);
            }
        };
        List<MfaEvent> registered = new CopyOnWriteArrayList<>();
        RecordingListener.SEEN.clear();
        MfaService mfa = MfaService.builder(ManagementAuthorizer.allowAll()).discoverProviders(false)
                .provider(new ScriptedProvider()).classLoader(loader).eventListener(registered::add).build();

        mfa.configurations().json().create(Fixtures.CONFIG_JSON);
        mfa.principals().assign(MfaAssignment.of(Fixtures.BOB).configuration("Main").providerUserId("bob"));
        mfa.verify(Fixtures.BOB, ScriptedProvider.GOOD_PASSCODE);

        assertThat(RecordingListener.SEEN).hasSize(3).last().isInstanceOf(VerificationEvent.class);
        assertThat(registered).containsExactlyElementsOf(RecordingListener.SEEN);
        MfaService withoutDiscovery = MfaService.builder(ManagementAuthorizer.allowAll()).discoverProviders(false)
                .provider(new ScriptedProvider()).classLoader(loader).discoverEventListeners(false).build();
        withoutDiscovery.configurations().json().create(Fixtures.CONFIG_JSON);
        assertThat(RecordingListener.SEEN).hasSize(3);
    }
}
