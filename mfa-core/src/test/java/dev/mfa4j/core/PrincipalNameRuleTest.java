package dev.mfa4j.core;

import static dev.mfa4j.core.Fixtures.CONFIG_JSON;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.PrincipalId;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One rule for principal names everywhere: a host on a case-insensitive directory that passes the
 * name as the user typed it gets the assigned principal's MFA, its lockout and its replay guard.
 */
class PrincipalNameRuleTest {

    private static final PrincipalId ASSIGNED = PrincipalId.parse("principal/ldap/user/bob");
    private static final PrincipalId TYPED = PrincipalId.parse("principal/ldap/user/BOB");
    private static final PrincipalId MIXED = PrincipalId.parse("Principal/LDAP/User/Bob");

    @TempDir
    Path directory;

    @Test
    void requiresMfaVerifyAndTheLockoutSeeOnePrincipalWhateverTheCase() {
        ScriptedProvider provider = new ScriptedProvider();
        MfaService mfa = MfaService.builder(ManagementAuthorizer.allowAll()).discoverProviders(false).provider(provider)
                .clock(new MutableClock(Instant.parse("2026-12-01T10:00:00Z"))).build();
        mfa.configurations().json().create(CONFIG_JSON);
        mfa.principals().assign(MfaAssignment.of(ASSIGNED).configuration("Main").providerUserId("bob"));

        assertThat(mfa.requiresMfa(TYPED)).isTrue();
        assertThat(mfa.requiresMfa(MIXED)).isTrue();
        for (int i = 1; i <= 5; i++) {
            PrincipalId variant = i % 2 == 0 ? TYPED : MIXED;
            assertThat(mfa.verify(variant, String.format("%06d", i)).reason()).isEqualTo(Reason.INVALID_PASSCODE);
        }
        assertThat(mfa.verify(ASSIGNED, ScriptedProvider.GOOD_PASSCODE).reason()).isEqualTo(Reason.TOO_MANY_ATTEMPTS);
        assertThat(provider.requests).hasSize(5).allSatisfy(request -> assertThat(request.principal()).isEqualTo(ASSIGNED));
    }

    @Test
    void theFileStoresKeepTheOneSpelling() {
        Path file = directory.resolve("store.json");
        try (MfaService mfa = MfaService.builder(ManagementAuthorizer.allowAll()).store(FileMfaConfigurationStore.open(file))
                .attemptStore(FileAttemptStore.besideStore(file)).discoverProviders(false).provider(new ScriptedProvider()).build()) {
            mfa.configurations().json().create(CONFIG_JSON);
            mfa.principals().assign(MfaAssignment.of(MIXED).configuration("Main").providerUserId("bob"));
        }
        MfaService reopened = MfaService.builder(ManagementAuthorizer.allowAll()).store(FileMfaConfigurationStore.open(file))
                .discoverProviders(false).provider(new ScriptedProvider()).build();

        assertThat(reopened.principals().list()).extracting(a -> a.principal().path()).containsExactly("principal/ldap/user/bob");
        assertThat(reopened.requiresMfa(TYPED)).isTrue();
    }
}
