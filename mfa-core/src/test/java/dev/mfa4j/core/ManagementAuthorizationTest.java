package dev.mfa4j.core;

import static dev.mfa4j.core.Fixtures.BOB;
import static dev.mfa4j.core.Fixtures.CONFIG_JSON;
import static dev.mfa4j.core.Fixtures.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfa4j.api.Caller;
import dev.mfa4j.api.InvalidConfigurationException;
import dev.mfa4j.api.ManagementAccessDeniedException;
import dev.mfa4j.api.ManagementOperation;
import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import dev.mfa4j.api.spi.MfaConfigurationStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The authorizer is asked before anything is read, so what a denied caller sees never depends on
 * what is stored or installed; the system caller cannot be named; and a caller who may not read a
 * configuration's secrets cannot send them elsewhere.
 */
class ManagementAuthorizationTest {

    private static final Caller ADMIN = Caller.of("admin");
    private static final Caller MALLORY = Caller.of("mallory");
    private static final PrincipalId EVE = PrincipalId.parse("principal/internal/user/eve");

    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final InMemoryMfaConfigurationStore store = new InMemoryMfaConfigurationStore();
    private MfaService mfa;

    @BeforeEach
    void configure() {
        ManagementAuthorizer onlyAdmin = (caller, path, operation) -> {
            asked.add(caller + " " + operation + " " + path);
            return caller.equals(ADMIN);
        };
        mfa = MfaService.builder(onlyAdmin).store(store).discoverProviders(false).provider(new ScriptedProvider()).build();
        mfa.configurations(ADMIN).json().create(CONFIG_JSON);
        mfa.principals(ADMIN).assign(MfaAssignment.of(BOB).configuration("Main").providerUserId("bob"));
        asked.clear();
    }

    @Test
    void aDeniedAssignReadsTheSameForAPrincipalWithMfaAndOneWithout() {
        String withMfa = denial(() -> mfa.principals(MALLORY).assign(MfaAssignment.of(BOB).configuration("Main").providerUserId("x")));
        String withoutMfa = denial(() -> mfa.principals(MALLORY).assign(MfaAssignment.of(EVE).configuration("Main").providerUserId("x")));

        assertThat(withMfa).isEqualTo("mallory may not update mfa/principals/principal/internal/user/bob");
        assertThat(withoutMfa).isEqualTo("mallory may not update mfa/principals/principal/internal/user/eve");
        assertThat(asked).containsExactly("mallory update mfa/principals/principal/internal/user/bob",
                "mallory update mfa/principals/principal/internal/user/eve");
    }

    @Test
    void aDeniedCreateLearnsNothingAboutInstalledProvidersOrItsOptions() {
        String unknownType = denial(() -> mfa.configurations(MALLORY).json().create(
                "{\"Type\": \"duo\", \"Name\": \"Probe\", \"Options\": {}}"));
        String badOptions = denial(() -> mfa.configurations(MALLORY).json().create(
                "{\"Type\": \"scripted\", \"Name\": \"Probe\", \"Options\": {\"Endpoint\": \"ftp://x\"}}"));
        String taken = denial(() -> mfa.configurations(MALLORY).create("Main", "scripted", Map.of()));

        assertThat(unknownType).isEqualTo(badOptions).isEqualTo("mallory may not create mfa/configurations/Probe");
        assertThat(taken).isEqualTo("mallory may not create mfa/configurations/Main");
    }

    @Test
    void aDeniedUpdateReadsTheSameForAConfigurationThatExistsAndOneThatDoesNot() {
        String existing = denial(() -> mfa.configurations(MALLORY).json().update("Main", "{\"Options\": {\"Colour\": \"red\"}}"));
        String missing = denial(() -> mfa.configurations(MALLORY).json().update("Nothing", "{\"Options\": {\"Colour\": \"red\"}}"));
        String typed = denial(() -> mfa.configurations(MALLORY).update(
                dev.mfa4j.api.MfaConfiguration.of("Nothing", "duo", Map.of())));

        assertThat(existing).isEqualTo("mallory may not update mfa/configurations/Main");
        assertThat(missing).isEqualTo("mallory may not update mfa/configurations/Nothing");
        assertThat(typed).isEqualTo(missing);
    }

    @Test
    void deniedReadsDeletesAndRemovalsAreAskedBeforeTheStoreIsRead() {
        // A store that fails on any read shows whether it was read before the refusal.
        MfaConfigurationStore failing = (MfaConfigurationStore) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MfaConfigurationStore.class}, (proxy, method, args) -> {
                    throw new AssertionError("the store was used before the authorizer refused: " + method.getName());
                });
        MfaService guarded = MfaService.builder((caller, path, operation) -> false).store(failing).discoverProviders(false)
                .provider(new ScriptedProvider()).build();

        denial(() -> guarded.configurations(MALLORY).get("Main"));
        denial(() -> guarded.configurations(MALLORY).list());
        denial(() -> guarded.configurations(MALLORY).delete("Main", true));
        denial(() -> guarded.configurations(MALLORY).health("Main"));
        denial(() -> guarded.configurations(MALLORY).json().update("Main", "{\"Options\": {}}"));
        denial(() -> guarded.principals(MALLORY).get(BOB));
        denial(() -> guarded.principals(MALLORY).remove(BOB));
        denial(() -> guarded.principals(MALLORY).list());
        denial(() -> guarded.principals(MALLORY).assign(MfaAssignment.of(BOB).configuration("Main").providerUserId("x")));
    }

    @Test
    void theSystemCallerCannotBeReachedByNamingIt() {
        MfaService trustsSystem = MfaService.builder((caller, path, operation) -> caller.isSystem()).store(store)
                .discoverProviders(false).provider(new ScriptedProvider()).build();

        assertThat(trustsSystem.configurations().get("Main")).isPresent();
        assertThatThrownBy(() -> trustsSystem.configurations(Caller.of("system")).get("Main"))
                .isInstanceOf(ManagementAccessDeniedException.class);
        assertThatThrownBy(() -> trustsSystem.configurations(Caller.of(Caller.system().name())).get("Main"))
                .isInstanceOf(ManagementAccessDeniedException.class);
    }

    @Test
    void aCallerWhoMayNotReadSecretsCannotSendAKeptSecretElsewhere() {
        MfaService updaterOnly = MfaService.builder((caller, path, operation) -> !path.endsWith("/secrets")).store(store)
                .discoverProviders(false).provider(new ScriptedProvider()).build();
        MfaConfigurationsJson json = updaterOnly.configurations(MALLORY).json();

        assertThatThrownBy(() -> json.update("Main", "{\"Options\": {\"Endpoint\": \"https://mallory.example\"}}"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("Options.Token")
                .hasMessageContaining("give Token again")
                .hasMessageNotContaining(TOKEN);
        assertThatThrownBy(() -> json.update("Main", "{\"Options\": {\"Endpoint\": \"https://mallory.example\", \"Token\": \"********\"}}"))
                .isInstanceOf(InvalidConfigurationException.class);
        assertThat(store.findConfiguration("Main").orElseThrow().option("Endpoint")).contains("https://mfa.example.com");

        // Other changes keep the secret as before; a new destination with the secret given again is fine.
        json.update("Main", "{\"Options\": {\"Endpoint\": \"https://mfa.example.com\", \"Mode\": \"slow\"}}");
        json.update("Main", "{\"Options\": {\"Endpoint\": \"https://new.example\", \"Token\": \"AnotherT0ken\"}}");
        assertThat(store.findConfiguration("Main").orElseThrow().options())
                .containsEntry("Endpoint", "https://new.example").containsEntry("Token", "AnotherT0ken");
    }

    @Test
    void aCallerWhoMayReadSecretsMayMoveThemWithoutRetypingThem() {
        mfa.configurations(ADMIN).json().update("Main", "{\"Options\": {\"Endpoint\": \"https://moved.example\"}}");

        assertThat(store.findConfiguration("Main").orElseThrow().options())
                .containsEntry("Endpoint", "https://moved.example").containsEntry("Token", TOKEN);
        assertThat(asked).contains("admin read mfa/configurations/Main/secrets");
    }

    private String denial(Runnable call) {
        try {
            call.run();
        } catch (ManagementAccessDeniedException e) {
            assertThat(e.operation()).isIn((Object[]) ManagementOperation.values());
            return e.getMessage();
        }
        throw new AssertionError("the call was not denied");
    }
}
