package dev.mfa4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialTest {

    private static final Set<String> DUO_LIKE = Set.of("push", "push2", "sms", "phone");

    @Test
    void digitsAreAPasscode() {
        assertThat(Credential.parse("77552", DUO_LIKE)).isEqualTo(new Credential.Passcode("77552"));
        assertThat(Credential.parse("77552", Set.of()).factor()).isEqualTo("passcode");
    }

    @ParameterizedTest
    @ValueSource(strings = {"push", "PUSH", "Push", "pUsH"})
    void pushInAnyCaseIsPush(String typed) {
        assertThat(Credential.parse(typed, DUO_LIKE)).isEqualTo(Credential.PUSH);
    }

    @Test
    void providerKeywordsAreRecognised() {
        assertThat(Credential.parse("SMS", DUO_LIKE)).isEqualTo(new Credential.Keyword("sms"));
        assertThat(Credential.parse("push2", DUO_LIKE).factor()).isEqualTo("push2");
    }

    @Test
    void aKeywordTheProviderDoesNotDeclareIsRefused() {
        assertThatThrownBy(() -> Credential.parse("push", Set.of()))
                .isInstanceOf(InvalidCredentialException.class)
                .hasMessageContaining("type a passcode of 4 to 16 digits");
    }

    @Test
    void anythingElseIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> Credential.parse("hunter2", DUO_LIKE))
                .isInstanceOf(InvalidCredentialException.class)
                .hasMessageNotContaining("hunter2")
                .hasMessageContaining("phone, push, push2, sms");
    }

    @ParameterizedTest
    @ValueSource(strings = {" 123456", "123456 ", "123456\n", "\t123456", "123456\u00a0", "\u2003123456"})
    void surroundingWhitespaceIsRefused(String typed) {
        assertThatThrownBy(() -> Credential.parse(typed, DUO_LIKE))
                .isInstanceOf(InvalidCredentialException.class)
                .hasMessageContaining("whitespace");
    }

    @Test
    void fullWidthAndOtherUnicodeDigitsAreRefusedNotTranslated() {
        assertThatThrownBy(() -> Credential.parse("\uff11\uff12\uff13\uff14\uff15\uff16", DUO_LIKE))
                .isInstanceOf(InvalidCredentialException.class)
                .hasMessageContaining("U+FF11");
        assertThatThrownBy(() -> Credential.parse("12\u0663456", DUO_LIKE)) // Arabic-Indic three
                .isInstanceOf(InvalidCredentialException.class)
                .hasMessageContaining("U+0663");
    }

    @Test
    void tenThousandCharactersAreRefusedUnread() {
        assertThatThrownBy(() -> Credential.parse("1".repeat(10_000), DUO_LIKE))
                .isInstanceOf(InvalidCredentialException.class)
                .hasMessageContaining("10000 characters long");
    }

    @Test
    void passcodeLengthIsBounded() {
        assertThatThrownBy(() -> Credential.parse("123", DUO_LIKE)).hasMessageContaining("this one has 3");
        assertThatThrownBy(() -> Credential.parse("1".repeat(17), DUO_LIKE)).hasMessageContaining("this one has 17");
        assertThat(Credential.parse("1234", DUO_LIKE)).isInstanceOf(Credential.Passcode.class);
        assertThat(Credential.parse("1".repeat(16), DUO_LIKE)).isInstanceOf(Credential.Passcode.class);
    }

    @Test
    void emptyInputIsRefused() {
        assertThatThrownBy(() -> Credential.parse("", DUO_LIKE))
                .isInstanceOf(InvalidCredentialException.class)
                .satisfies(e -> assertThat(((InvalidCredentialException) e).field()).isEqualTo("credential"))
                .hasMessageContaining("is empty");
    }

    @Test
    void aPasscodeNeverPrintsItsDigits() {
        Credential.Passcode passcode = new Credential.Passcode("774411");

        assertThat(passcode.toString()).isEqualTo("Passcode[******]").doesNotContain("774411");
    }

    @Test
    void passcodesCompareByValue() {
        assertThat(new Credential.Passcode("123456")).isEqualTo(new Credential.Passcode("123456"))
                .isNotEqualTo(new Credential.Passcode("123457"))
                .hasSameHashCodeAs(new Credential.Passcode("999999"));
    }

    @Test
    void numberedKeywordsAreFoldedInMessages() {
        java.util.Set<String> duo = new java.util.HashSet<>(Set.of("push", "phone", "sms"));
        for (int i = 1; i <= 9; i++) {
            duo.addAll(Set.of("push" + i, "phone" + i, "sms" + i));
        }

        assertThatThrownBy(() -> Credential.parse("hello", duo))
                .hasMessageEndingWith(", one of: phone (phone1 to phone9), push (push1 to push9), sms (sms1 to sms9), or a recovery code");
        assertThat(Credential.describeKeywords(Set.of("push", "push2", "otp7"))).as("no push1: nothing to fold").isEqualTo("otp7, push, push2");
    }

    @Test
    void keywordNamesAreLowerCaseIdentifiers() {
        assertThatThrownBy(() -> new Credential.Keyword("Push")).isInstanceOf(InvalidCredentialException.class);
        assertThatThrownBy(() -> new Credential.Keyword("push-2")).isInstanceOf(InvalidCredentialException.class);
    }

    @Test
    void aRecoveryCodeIsTypedAnyWayAPersonWouldAndNeverEchoed() {
        Credential.RecoveryCode expected = new Credential.RecoveryCode("K7QM2XH4PD9W3FNA");
        for (String typed : new String[] {"K7QM-2XH4-PD9W-3FNA", "k7qm-2xh4-pd9w-3fna", "K7QM 2XH4 PD9W 3FNA", "k7qm2xh4pd9w3fna",
                "K7QM2XH4PD9W3FNA", "K7QM--2XH4 PD9W-3FNA"}) {
            assertThat(Credential.parse(typed, Set.of("push"))).as(typed).isEqualTo(expected);
        }
        assertThat(expected.factor()).isEqualTo("recovery-code");
        assertThat(expected).hasToString("RecoveryCode[****]");
    }

    @Test
    void aRecoveryCodeOfAnotherLengthOrAlphabetIsAClearErrorThatNeverEchoesIt() {
        assertThatThrownBy(() -> Credential.parse("K7QM-2XH4-PD9W-3FN", Set.of("push")))
                .isInstanceOf(InvalidCredentialException.class)
                .hasMessageContaining("16 characters").hasMessageContaining("has 15")
                .hasMessageNotContaining("K7QM").hasMessageNotContaining("3FN");
        assertThatThrownBy(() -> Credential.parse("K7QM-2XH4-PD9W-3FNO", Set.of("push")))
                .isInstanceOf(InvalidCredentialException.class)
                .hasMessageContaining("without I, L, O and U").hasMessageContaining("character 16")
                .hasMessageNotContaining("K7QM");
        assertThatThrownBy(() -> Credential.parse("K7QM-2XH4-PD9W-3FN\u00c9", Set.of("push"))).isInstanceOf(InvalidCredentialException.class);
    }

    @Test
    void digitsGroupedAsAppsShowThemAreAPasscode() {
        assertThat(Credential.parse("123 456", Set.of("push"))).isEqualTo(new Credential.Passcode("123456"));
        assertThat(Credential.parse("1234-5678", Set.of("push"))).isEqualTo(new Credential.Passcode("12345678"));
        assertThatThrownBy(() -> Credential.parse(" 123456", Set.of("push"))).as("whitespace around is still refused")
                .isInstanceOf(InvalidCredentialException.class);
    }
}
