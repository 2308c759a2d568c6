package dev.mfa4j.core;

import static dev.mfa4j.core.Fixtures.BOB;
import static dev.mfa4j.core.Fixtures.CI_BOT;
import static dev.mfa4j.core.Fixtures.CONFIG_JSON;
import static dev.mfa4j.core.Fixtures.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfa4j.api.Caller;
import dev.mfa4j.api.ConfigurationInUseException;
import dev.mfa4j.api.Credential;
import dev.mfa4j.api.DuplicateConfigurationException;
import dev.mfa4j.api.InvalidConfigurationException;
import dev.mfa4j.api.InvalidPrincipalException;
import dev.mfa4j.api.ManagementAccessDeniedException;
import dev.mfa4j.api.ManagementOperation;
import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.MfaConfiguration;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.UnknownProviderTypeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One test per management rule the library enforces (the rules of a Secrets Safe-style vault's
 * MFA: unique names, a name an update cannot change, secrets redacted on read, one configuration
 * per principal, only users and applications, no delete of a configuration in use), named after
 * the rule. The Duo option rule is tested with the Duo provider, in DuoOptionRulesTest.
 */
class ManagementRulesTest {

    private final ScriptedProvider provider = new ScriptedProvider();
    private final MfaService mfa = Fixtures.service(provider);

    @Test
    void aConfigurationHasANameUniqueAcrossAllConfigurations() {
        mfa.configurations().json().create(CONFIG_JSON);

        assertThatThrownBy(() -> mfa.configurations().json().create(CONFIG_JSON))
                .isInstanceOf(DuplicateConfigurationException.class)
                .hasMessageContaining("'Main' already exists");
        assertThat(mfa.configurations().list()).hasSize(1);
    }

    @Test
    void aConfigurationHasATypeThatIsAnInstalledProvider() {
        assertThatThrownBy(() -> mfa.configurations().json().create("""
                {"Type": "okta", "Name": "Other", "Options": {}}"""))
                .isInstanceOf(UnknownProviderTypeException.class)
                .hasMessageContaining("'okta'")
                .hasMessageContaining("installed: scripted");
    }

    @Test
    void aConfigurationHasOptionsValidatedByThatProvider() {
        assertThatThrownBy(() -> mfa.configurations().json().create("""
                {"Type": "scripted", "Name": "Main", "Options": {"Endpoint": "http://insecure", "Token": "short"}}"""))
                .isInstanceOf(InvalidConfigurationException.class)
                .satisfies(e -> assertThat(((InvalidConfigurationException) e).violations())
                        .extracting(InvalidConfigurationException.Violation::field)
                        .containsExactly("Options.Endpoint", "Options.Token"))
                .hasMessageNotContaining("short");
    }

    @Test
    void jsonKeysAreMatchedWithoutRegardToCase() {
        MfaConfiguration created = mfa.configurations().json().create("""
                {"type": "scripted", "name": "Lower", "options": {"endpoint": "https://mfa.example.com", "TOKEN": "%s"}}
                """.formatted(TOKEN));

        assertThat(created.name()).isEqualTo("Lower");
        assertThat(created.options()).containsOnlyKeys("Endpoint", "Token");
    }

    @Test
    void outputUsesTheSeedsSpellingTypeNameOptions() {
        mfa.configurations().json().create(CONFIG_JSON);

        assertThat(mfa.configurations().json().list()).isEqualTo("""
                [ {
                  "Type": "scripted",
                  "Name": "Main",
                  "Options": {
                    "Endpoint": "https://mfa.example.com",
                    "Token": "********"
                  },
                  "Revision": 1
                } ]""");
    }

    @Test
    void updateMayChangeEveryFieldButTheName() {
        mfa.configurations().json().create(CONFIG_JSON);

        MfaConfiguration updated = mfa.configurations().json().update("Main", """
                {"Type": "scripted", "Options": {"Endpoint": "https://other.example.com", "Token": "AnotherToken1", "Mode": "slow"}}""");

        assertThat(updated.revision()).isEqualTo(2);
        assertThat(mfa.configurations().get("Main", SecretVisibility.REVEALED).orElseThrow().options())
                .containsExactly(Map.entry("Endpoint", "https://other.example.com"), Map.entry("Token", "AnotherToken1"),
                        Map.entry("Mode", "slow"));
    }

    @Test
    void anUpdateWhoseBodyNamesAnotherNameIsRefused() {
        mfa.configurations().json().create(CONFIG_JSON);

        assertThatThrownBy(() -> mfa.configurations().json().update("Main", """
                {"Name": "Renamed", "Type": "scripted", "Options": {"Endpoint": "https://mfa.example.com"}}"""))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("Name: is 'Renamed' but the update is for 'Main'; a configuration's name cannot change");
        assertThat(mfa.configurations().get("Main").orElseThrow().revision()).isEqualTo(1);
        assertThat(mfa.configurations().get("Renamed")).isEmpty();
    }

    @Test
    void listReturnsEveryConfiguration() {
        for (String name : List.of("C", "A", "B")) {
            mfa.configurations().json().create(CONFIG_JSON.replace("\"Main\"", "\"" + name + "\""));
        }

        assertThat(mfa.configurations().list()).extracting(MfaConfiguration::name).containsExactly("A", "B", "C");
        assertThat(mfa.configurations().json().list()).startsWith("[").contains("\"Name\": \"A\"", "\"Name\": \"B\"", "\"Name\": \"C\"");
    }

    @Test
    void secretOptionsAreRedactedOnReadUnlessTheCallerAsksAndIsPermitted() {
        List<String> asked = new ArrayList<>();
        MfaService guarded = MfaService.builder((caller, path, operation) -> {
                    asked.add(caller + " " + operation + " " + path);
                    return !path.endsWith("/secrets") || caller.name().equals("security-admin");
                })
                .discoverProviders(false)
                .provider(provider)
                .build();
        guarded.configurations().json().create(CONFIG_JSON);

        assertThat(guarded.configurations().get("Main").orElseThrow().option("Token")).contains(MfaConfigurations.REDACTED);
        assertThat(guarded.configurations().json().list()).doesNotContain(TOKEN);
        assertThatThrownBy(() -> guarded.configurations(Caller.of("operator")).get("Main", SecretVisibility.REVEALED))
                .isInstanceOf(ManagementAccessDeniedException.class)
                .hasMessage("operator may not read mfa/configurations/Main/secrets");
        assertThat(guarded.configurations(Caller.of("security-admin")).get("Main", SecretVisibility.REVEALED).orElseThrow()
                .option("Token")).contains(TOKEN);
        assertThat(asked).contains("security-admin read mfa/configurations/Main/secrets");
    }

    @Test
    void anUpdateThatOmitsASecretOrSendsTheMaskKeepsTheStoredSecret() {
        mfa.configurations().json().create(CONFIG_JSON);

        mfa.configurations().json().update("Main", """
                {"Options": {"Endpoint": "https://one.example.com"}}""");
        mfa.configurations().json().update("Main", """
                {"Options": {"Endpoint": "https://two.example.com", "Token": "********"}}""");

        MfaConfiguration stored = mfa.configurations().get("Main", SecretVisibility.REVEALED).orElseThrow();
        assertThat(stored.option("Token")).contains(TOKEN);
        assertThat(stored.option("Endpoint")).contains("https://two.example.com");
        assertThat(stored.revision()).isEqualTo(3);
    }

    @Test
    void aPrincipalHasOneOrZeroConfigurations() {
        mfa.configurations().json().create(CONFIG_JSON);
        mfa.configurations().json().create(CONFIG_JSON.replace("\"Main\"", "\"Backup\""));

        assertThat(mfa.principals().get(BOB)).isEmpty();
        mfa.principals().assign(MfaAssignment.of(BOB).configuration("Main").providerUserId("bob-1"));
        mfa.principals().assign(MfaAssignment.of(BOB).configuration("Backup").providerUserId("bob-2"));

        assertThat(mfa.principals().list()).containsExactly(new MfaAssignment(BOB, "Backup", "bob-2"));
    }

    @Test
    void onlyUserAndApplicationPrincipalsSupportMfa() {
        mfa.configurations().json().create(CONFIG_JSON);
        PrincipalId admins = PrincipalId.parse("principal/internal/group/admins");

        mfa.principals().assign(MfaAssignment.of(CI_BOT).configuration("Main").providerUserId("ci-bot"));
        assertThatThrownBy(() -> mfa.principals().assign(MfaAssignment.of(admins).configuration("Main").providerUserId("admins")))
                .isInstanceOf(InvalidPrincipalException.class)
                .hasMessageContaining("principals of kind group do not support MFA");
        assertThatThrownBy(() -> mfa.verify(admins, "123456")).isInstanceOf(InvalidPrincipalException.class);
        assertThat(mfa.requiresMfa(admins)).isFalse();
        assertThat(mfa.verify(CI_BOT, "123456").allowed()).isTrue();
    }

    @Test
    void aPrincipalIsNamedByAPathPrincipalIdentityProviderKindName() {
        assertThat(PrincipalId.parse("principal/internal/user/bob")).isEqualTo(PrincipalId.user("internal", "bob"));
        assertThatThrownBy(() -> PrincipalId.parse("user/bob")).isInstanceOf(InvalidPrincipalException.class);
    }

    @Test
    void anAssignmentStoresTheProviderIdentityBesideTheConfigurationName() {
        mfa.configurations().json().create(CONFIG_JSON);

        mfa.principals().assign(MfaAssignment.of(BOB).configuration("Main").providerUserId("12752112652d3c0f21551938864e2"));
        mfa.verify(BOB, "123456");

        assertThat(mfa.principals().get(BOB)).contains(new MfaAssignment(BOB, "Main", "12752112652d3c0f21551938864e2"));
        assertThat(provider.requests).singleElement()
                .satisfies(r -> assertThat(r.providerUserId()).isEqualTo("12752112652d3c0f21551938864e2"));
    }

    @Test
    void removingAnAssignmentRemovesMfaForThatPrincipal() {
        mfa.configurations().json().create(CONFIG_JSON);
        mfa.principals().assign(MfaAssignment.of(BOB).configuration("Main").providerUserId("bob"));

        assertThat(mfa.principals().remove(BOB)).isTrue();

        assertThat(mfa.requiresMfa(BOB)).isFalse();
        assertThat(mfa.verify(BOB, "123456").reason()).isEqualTo(Reason.NOT_CONFIGURED);
        assertThat(mfa.principals().remove(BOB)).isFalse();
    }

    @Test
    void loginTakesAPasscodeOrAProviderKeywordAndPushInAnyCaseAsksForAPush() {
        mfa.configurations().json().create(CONFIG_JSON);
        mfa.principals().assign(MfaAssignment.of(BOB).configuration("Main").providerUserId("bob"));

        assertThat(mfa.verify(BOB, "123456").reason()).isEqualTo(Reason.APPROVED);
        assertThat(mfa.verify(BOB, "PuSh").reason()).isEqualTo(Reason.APPROVED);

        assertThat(provider.requests).extracting(r -> r.credential())
                .containsExactly(new Credential.Passcode("123456"), Credential.PUSH);
    }

    @Test
    void managementOperationsArePermissionCheckedCrudOnResourcePaths() {
        List<String> asked = new ArrayList<>();
        MfaService guarded = MfaService.builder((caller, path, operation) -> {
                    asked.add(operation + " " + path);
                    return !(operation == ManagementOperation.DELETE && caller.name().equals("intern"));
                })
                .discoverProviders(false)
                .provider(provider)
                .build();
        Caller intern = Caller.of("intern");

        guarded.configurations(intern).json().create(CONFIG_JSON);
        guarded.configurations(intern).list();
        guarded.configurations(intern).json().update("Main", "{\"Options\": {\"Endpoint\": \"https://mfa.example.com\"}}");
        guarded.principals(intern).assign(MfaAssignment.of(BOB).configuration("Main").providerUserId("bob"));
        guarded.principals(intern).assign(MfaAssignment.of(BOB).configuration("Main").providerUserId("bob"));
        guarded.principals(intern).get(BOB);
        assertThatThrownBy(() -> guarded.principals(intern).remove(BOB)).isInstanceOf(ManagementAccessDeniedException.class);
        assertThatThrownBy(() -> guarded.configurations(intern).delete("Main", true))
                .isInstanceOf(ManagementAccessDeniedException.class)
                .satisfies(e -> assertThat(((ManagementAccessDeniedException) e).resourcePath()).isEqualTo("mfa/configurations/Main"));

        assertThat(asked).containsExactly(
                "create mfa/configurations/Main",
                "read mfa/configurations",
                "update mfa/configurations/Main",
                "update mfa/principals/principal/internal/user/bob",
                "update mfa/principals/principal/internal/user/bob",
                "read mfa/principals/principal/internal/user/bob",
                "delete mfa/principals/principal/internal/user/bob",
                "delete mfa/configurations/Main");
        assertThat(guarded.principals().get(BOB)).isPresent();
        assertThat(guarded.configurations().get("Main")).isPresent();
    }

    @Test
    void deletingAConfigurationThatPrincipalsStillUseIsRefusedNamingHowManyUnlessForced() {
        mfa.configurations().json().create(CONFIG_JSON);
        mfa.principals().assign(MfaAssignment.of(BOB).configuration("Main").providerUserId("bob"));
        mfa.principals().assign(MfaAssignment.of(CI_BOT).configuration("Main").providerUserId("ci"));

        assertThatThrownBy(() -> mfa.configurations().delete("Main"))
                .isInstanceOf(ConfigurationInUseException.class)
                .hasMessageContaining("is assigned to 2 principals")
                .satisfies(e -> assertThat(((ConfigurationInUseException) e).assignmentCount()).isEqualTo(2));
        assertThat(mfa.configurations().get("Main")).isPresent();

        assertThat(mfa.configurations().delete("Main", true)).isEqualTo(2);
        assertThat(mfa.configurations().list()).isEmpty();
        assertThat(mfa.principals().list()).isEmpty();
    }
}
