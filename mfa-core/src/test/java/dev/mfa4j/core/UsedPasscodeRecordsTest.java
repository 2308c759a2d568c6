package dev.mfa4j.core;

import static dev.mfa4j.core.Fixtures.BOB;
import static dev.mfa4j.core.Fixtures.CONFIG_JSON;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mfa4j.api.MfaAssignment;
import dev.mfa4j.api.Reason;
import dev.mfa4j.api.spi.ManagementAuthorizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading the attempt state alone does not reveal an accepted passcode: the record is a keyed
 * fingerprint, which trying every six-digit code against it cannot match without the key.
 */
class UsedPasscodeRecordsTest {

    @TempDir
    Path directory;

    private String acceptedFingerprint(MfaService.Builder builder, Path attempts) throws Exception {
        MfaService mfa = builder.attemptStore(FileAttemptStore.open(attempts)).discoverProviders(false).provider(new ScriptedProvider())
                .build();
        mfa.configurations().json().create(CONFIG_JSON);
        mfa.principals().assign(MfaAssignment.of(BOB).configuration("Main").providerUserId("bob"));
        assertThat(mfa.verify(BOB, ScriptedProvider.GOOD_PASSCODE).reason()).isEqualTo(Reason.APPROVED);
        assertThat(mfa.verify(BOB, ScriptedProvider.GOOD_PASSCODE).reason()).as("its replay is still refused")
                .isEqualTo(Reason.INVALID_PASSCODE);
        JsonNode file = new ObjectMapper().readTree(Files.readString(attempts));
        return file.path("UsedPasscodes").get(0).path("Fingerprint").asText();
    }

    @Test
    void noSixDigitCodeHashesToTheRecord() throws Exception {
        String fingerprint = acceptedFingerprint(MfaService.builder(ManagementAuthorizer.allowAll()), directory.resolve("a.attempts"));

        assertThat(fingerprint).startsWith("h1:").doesNotContain(ScriptedProvider.GOOD_PASSCODE);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        HexFormat hex = HexFormat.of();
        byte[] digest = hex.parseHex(fingerprint.substring(3));
        int matches = 0;
        byte[] candidate = new byte[6];
        for (int code = 0; code < 1_000_000; code++) {
            for (int i = 5, rest = code; i >= 0; i--, rest /= 10) {
                candidate[i] = (byte) ('0' + rest % 10);
            }
            if (MessageDigest.isEqual(sha256.digest(candidate), digest)) {
                matches++;
            }
        }
        assertThat(matches).as("codes whose plain SHA-256 is the record").isZero();
    }

    @Test
    void theServiceKeyChangesTheRecordAndNodesWithTheSameKeyAgree() throws Exception {
        byte[] key = new byte[32];
        key[0] = 1;
        String withKey = acceptedFingerprint(MfaService.builder(ManagementAuthorizer.allowAll())
                .fingerprintKey(new SecretKeySpec(key, "HmacSHA256")), directory.resolve("b.attempts"));
        String sameKey = acceptedFingerprint(MfaService.builder(ManagementAuthorizer.allowAll())
                .fingerprintKey(new SecretKeySpec(key, "HmacSHA256")), directory.resolve("c.attempts"));
        String withoutKey = acceptedFingerprint(MfaService.builder(ManagementAuthorizer.allowAll()), directory.resolve("d.attempts"));

        assertThat(withKey).isEqualTo(sameKey).isNotEqualTo(withoutKey);
    }
}
