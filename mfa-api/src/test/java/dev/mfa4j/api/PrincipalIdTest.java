package dev.mfa4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrincipalIdTest {

    @Test
    void parsesTheSeedsExample() {
        PrincipalId bob = PrincipalId.parse("principal/internal/user/bob");

        assertThat(bob.identityProvider()).isEqualTo("internal");
        assertThat(bob.kind()).isEqualTo(PrincipalKind.USER);
        assertThat(bob.name()).isEqualTo("bob");
        assertThat(bob.path()).isEqualTo("principal/internal/user/bob");
        assertThat(bob).hasToString("principal/internal/user/bob");
    }

    @Test
    void prefixIdentityProviderAndKindAreCaseInsensitiveAndStoredLowerCase() {
        PrincipalId variant = PrincipalId.parse("Principal/INTERNAL/User/bob");

        assertThat(variant).isEqualTo(PrincipalId.parse("principal/internal/user/bob"));
        assertThat(variant.path()).isEqualTo("principal/internal/user/bob");
    }

    @Test
    void namesAreComparedWithoutRegardToCaseAndKeptLowerCase() {
        PrincipalId typed = PrincipalId.parse("principal/ldap/user/BoB.Smith");

        assertThat(typed).isEqualTo(PrincipalId.parse("principal/ldap/user/bob.smith")).hasSameHashCodeAs(
                PrincipalId.parse("principal/ldap/user/bob.smith"));
        assertThat(typed.name()).isEqualTo("bob.smith");
        assertThat(PrincipalId.user("LDAP", "BOB")).isEqualTo(PrincipalId.parse("principal/ldap/user/bob"));
    }

    @Test
    void unicodeVariantsAndLookAlikesAreRefusedNeverFoldedIntoAnAsciiName() {
        String nfc = "jos\u00e9";          // é as one code point
        String nfd = "jose\u0301";         // e and a combining acute accent
        String cyrillicA = "\u0430lice";   // Cyrillic а, which reads like Latin a
        String fullWidth = "\uff42ob";     // full-width b
        String dotlessI = "adm\u0131n";    // Turkish dotless i, which some case rules fold to i
        String kelvin = "\u212aate";        // Kelvin sign, which Unicode lower-cases to k
        for (String name : new String[] {nfc, nfd, cyrillicA, fullWidth, dotlessI, kelvin}) {
            assertThatThrownBy(() -> PrincipalId.parse("principal/internal/user/" + name))
                    .as(name)
                    .isInstanceOf(InvalidPrincipalException.class)
                    .hasMessageContaining("non-ASCII");
            assertThatThrownBy(() -> PrincipalId.user("internal", name)).as(name).isInstanceOf(InvalidPrincipalException.class);
        }
    }

    @Test
    void onlyUsersAndApplicationsSupportMfa() {
        assertThat(PrincipalId.parse("principal/internal/user/bob").supportsMfa()).isTrue();
        assertThat(PrincipalId.parse("principal/internal/application/ci-bot").supportsMfa()).isTrue();
        assertThat(PrincipalId.parse("principal/internal/group/admins").supportsMfa()).isFalse();
    }

    @Test
    void acceptsEmailLikeNames() {
        assertThat(PrincipalId.parse("principal/azure-ad/user/alice.smith+ops@example.com").name())
                .isEqualTo("alice.smith+ops@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"principal/internal/user", "principal/internal/user/bob/extra", "internal/user/bob", "", "principal"})
    void refusesTheWrongNumberOfSegments(String path) {
        assertThatThrownBy(() -> PrincipalId.parse(path))
                .isInstanceOf(InvalidPrincipalException.class)
                .extracting(e -> ((InvalidPrincipalException) e).field()).isEqualTo("principal");
    }

    @Test
    void refusesAnotherPrefix() {
        assertThatThrownBy(() -> PrincipalId.parse("principals/internal/user/bob"))
                .isInstanceOf(InvalidPrincipalException.class)
                .hasMessageContaining("must start with 'principal/'");
    }

    @Test
    void refusesAnUnknownKindNamingTheField() {
        assertThatThrownBy(() -> PrincipalId.parse("principal/internal/robot/r2"))
                .isInstanceOf(InvalidPrincipalException.class)
                .satisfies(e -> assertThat(((InvalidPrincipalException) e).field()).isEqualTo("kind"))
                .hasMessageContaining("user, application or group");
    }

    @ParameterizedTest
    @ValueSource(strings = {"principal//user/bob", "principal/internal/user/", "principal/internal//bob"})
    void refusesEmptySegments(String path) {
        assertThatThrownBy(() -> PrincipalId.parse(path))
                .isInstanceOf(InvalidPrincipalException.class)
                .hasMessageContaining("must not be empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"principal/../user/bob", "principal/internal/user/..", "principal/./user/bob", "principal/internal/user/."})
    void refusesTraversalSegments(String path) {
        assertThatThrownBy(() -> PrincipalId.parse(path))
                .isInstanceOf(InvalidPrincipalException.class)
                .hasMessageContaining("must not be '.' or '..'");
    }

    @Test
    void refusesLineBreaksAndNulWithoutEchoingThem() {
        for (String path : new String[] {"principal/internal/user/bob\r\nINFO forged", "principal/internal/user/bob\u0000",
                "principal/internal/user/bo b", "principal/internal/user/bob\t"}) {
            assertThatThrownBy(() -> PrincipalId.parse(path))
                    .isInstanceOf(InvalidPrincipalException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("forged").doesNotContain("\r").doesNotContain("\n")
                            .doesNotContain("\u0000"));
        }
    }

    @Test
    void refusesLookAlikeLettersFromOtherScripts() {
        // Cyrillic 'о' (U+043E) looks like Latin 'o'; the long s (U+017F) upper-cases to 'S'.
        assertThatThrownBy(() -> PrincipalId.parse("principal/internal/user/b\u043eb"))
                .isInstanceOf(InvalidPrincipalException.class)
                .hasMessageContaining("non-ASCII character (U+043E) at position 26");
        assertThatThrownBy(() -> PrincipalId.parse("principal/internal/u\u017fer/bob"))
                .isInstanceOf(InvalidPrincipalException.class)
                .hasMessageContaining("U+017F");
    }

    @Test
    void refusesTenKilobytesWithoutReadingThem() {
        String huge = "principal/internal/user/" + "a".repeat(10_240);

        assertThatThrownBy(() -> PrincipalId.parse(huge))
                .isInstanceOf(InvalidPrincipalException.class)
                .hasMessageContaining("10264 characters long")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
    }

    @Test
    void refusesANameLongerThan256() {
        assertThatThrownBy(() -> PrincipalId.user("internal", "a".repeat(257)))
                .isInstanceOf(InvalidPrincipalException.class)
                .satisfies(e -> assertThat(((InvalidPrincipalException) e).field()).isEqualTo("name"));
        assertThat(PrincipalId.user("internal", "a".repeat(256)).name()).hasSize(256);
    }

    @Test
    void theConstructorAppliesTheSameRules() {
        assertThatThrownBy(() -> new PrincipalId("internal", PrincipalKind.USER, "bob/admin"))
                .isInstanceOf(InvalidPrincipalException.class)
                .hasMessageContaining("an extra '/'");
        assertThatThrownBy(() -> new PrincipalId("", PrincipalKind.USER, "bob"))
                .isInstanceOf(InvalidPrincipalException.class)
                .satisfies(e -> assertThat(((InvalidPrincipalException) e).field()).isEqualTo("identityProvider"));
    }
}
