package dev.mfa4j.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/**
 * Properties of the two parsers that read untrusted input, from fixed seeds so the build is
 * repeatable; docs/security.md says how to run a longer campaign.
 */
class ParserPropertiesTest {

    @Property(seed = "20261209")
    void aPrincipalPathRoundTrips(@ForAll("principals") PrincipalId principal) {
        assertThat(PrincipalId.parse(principal.path())).isEqualTo(principal);
        assertThat(PrincipalId.parse(principal.path().toUpperCase(Locale.ROOT).replace(principal.name().toUpperCase(Locale.ROOT), principal.name())))
                .isEqualTo(principal);
    }

    @Property(seed = "20261210")
    void anyStringEitherParsesOrIsRefusedByName(@ForAll @StringLength(max = 300) String input) {
        try {
            PrincipalId parsed = PrincipalId.parse(input);
            assertThat(parsed.path()).isEqualToIgnoringCase(input);
        } catch (InvalidPrincipalException e) {
            assertThat(e.field()).isIn("principal", "identityProvider", "kind", "name");
            assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\r");
        }
    }

    @Property(seed = "20261211")
    void anyTypedStringIsAPasscodeAKeywordARecoveryCodeOrRefused(@ForAll("typed") String typed) {
        Set<String> keywords = Set.of("push", "sms");
        try {
            Credential credential = Credential.parse(typed, keywords);
            String compact = typed.replace("-", "").replace(" ", "");
            if (credential instanceof Credential.Passcode passcode) {
                assertThat(passcode.digits()).isEqualTo(compact).matches("[0-9]{4,16}");
            } else if (credential instanceof Credential.RecoveryCode code) {
                assertThat(code.characters()).isEqualTo(compact.toUpperCase(Locale.ROOT)).matches("[0-9A-HJKMNP-TV-Z]{16}");
            } else {
                assertThat(keywords).contains(credential.factor());
                assertThat(credential.factor()).isEqualToIgnoringCase(typed);
            }
        } catch (InvalidCredentialException e) {
            assertThat(e.field()).isEqualTo("credential");
            if (typed.length() >= 4) {
                assertThat(e.getMessage()).doesNotContain(typed);
            }
        }
    }

    @Property(seed = "20261212")
    void asciiDigitStringsOfFourToSixteenAreAlwaysPasscodes(@ForAll("digits") String digits) {
        assertThat(Credential.parse(digits, Set.of("push"))).isEqualTo(new Credential.Passcode(digits));
    }

    /** Arbitrary text, and text shaped like codes: digits and Base32 letters in groups, in any case. */
    @Provide
    Arbitrary<String> typed() {
        Arbitrary<String> shaped = Arbitraries.strings().withChars("0123456789ABCDEFGHJKMNPQRSTVWXYZabcdefghijklmnopqrstuvwxyzILOU- ")
                .ofMinLength(1).ofMaxLength(24);
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(80), shaped);
    }

    @Provide
    Arbitrary<String> digits() {
        return Arbitraries.strings().withCharRange('0', '9').ofMinLength(4).ofMaxLength(16);
    }

    @Provide
    Arbitrary<PrincipalId> principals() {
        Arbitrary<String> idp = Arbitraries.strings().withCharRange('a', 'z').withChars("._-").ofMinLength(1).ofMaxLength(64)
                .filter(s -> !s.equals(".") && !s.equals(".."));
        Arbitrary<String> name = Arbitraries.strings().alpha().numeric().withChars("._-@+").ofMinLength(1).ofMaxLength(256)
                .filter(s -> !s.equals(".") && !s.equals(".."));
        return Combinators.combine(idp, Arbitraries.of(PrincipalKind.class), name).as(PrincipalId::new);
    }
}
