package dev.mfa4j.totp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.totp.ReferenceTotp;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import javax.crypto.Mac;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The published test vectors, copied from the RFCs' text (https://www.rfc-editor.org/rfc/rfc4226
 * Appendix D, https://www.rfc-editor.org/rfc/rfc6238 Appendix B):
 *
 * <ul>
 *   <li>RFC 4226 (HOTP, HMAC-SHA-1), secret the ASCII string {@code 12345678901234567890}, counts
 *       0 to 9: the 6-digit HOTP value, and the last 8 digits of the 31-bit truncated value (the
 *       table's "Decimal" column), which checks the truncation on more digits.</li>
 *   <li>RFC 6238 (TOTP, X = 30 s, T0 = 0, 8 digits), all 18 rows: six times for each of SHA1,
 *       SHA256 and SHA512, with the T column. The secrets are those of the RFC's reference code
 *       (Appendix A) and errata: 20 bytes {@code 12345678901234567890} for SHA1, that string to 32
 *       bytes for SHA256 and to 64 bytes for SHA512 (Appendix B's prose names only the 20-byte one,
 *       with which the SHA256 and SHA512 rows do not come out).</li>
 * </ul>
 */
class RfcTestVectorsTest {

    private static final String DIGITS = "1234567890";

    @ParameterizedTest(name = "RFC 4226 count {0}: HOTP {2}")
    @CsvSource({
        "0, 1284755224, 755224",
        "1, 1094287082, 287082",
        "2, 137359152, 359152",
        "3, 1726969429, 969429",
        "4, 1640338314, 338314",
        "5, 868254676, 254676",
        "6, 1918287922, 287922",
        "7, 82162583, 162583",
        "8, 673399871, 399871",
        "9, 645520489, 520489",
    })
    void rfc4226AppendixD(long count, long decimal, String hotp) throws Exception {
        Mac mac = Hotp.keyed(HmacAlgorithm.SHA1, seed(20));

        assertThat(ascii(Hotp.code(mac, count, 6))).isEqualTo(hotp);
        assertThat(ascii(Hotp.code(mac, count, 8))).isEqualTo(String.format("%08d", decimal % 100_000_000L));
    }

    @ParameterizedTest(name = "RFC 6238 {0} s, {2}: {3}")
    @CsvSource({
        "59,          0000000000000001, SHA1,   94287082",
        "59,          0000000000000001, SHA256, 46119246",
        "59,          0000000000000001, SHA512, 90693936",
        "1111111109,  00000000023523EC, SHA1,   07081804",
        "1111111109,  00000000023523EC, SHA256, 68084774",
        "1111111109,  00000000023523EC, SHA512, 25091201",
        "1111111111,  00000000023523ED, SHA1,   14050471",
        "1111111111,  00000000023523ED, SHA256, 67062674",
        "1111111111,  00000000023523ED, SHA512, 99943326",
        "1234567890,  000000000273EF07, SHA1,   89005924",
        "1234567890,  000000000273EF07, SHA256, 91819424",
        "1234567890,  000000000273EF07, SHA512, 93441116",
        "2000000000,  0000000003F940AA, SHA1,   69279037",
        "2000000000,  0000000003F940AA, SHA256, 90698825",
        "2000000000,  0000000003F940AA, SHA512, 38618901",
        "20000000000, 0000000027BC86AA, SHA1,   65353130",
        "20000000000, 0000000027BC86AA, SHA256, 77737706",
        "20000000000, 0000000027BC86AA, SHA512, 47863826",
    })
    void rfc6238AppendixB(long unixSeconds, String stepHex, HmacAlgorithm algorithm, String totp) throws Exception {
        TotpParameters parameters = new TotpParameters(algorithm, 8, 30);
        byte[] seed = seed(algorithm.secretBytes());
        long step = parameters.stepAt(Instant.ofEpochSecond(unixSeconds));

        assertThat(String.format("%016X", step)).isEqualTo(stepHex);
        assertThat(ascii(Hotp.code(Hotp.keyed(algorithm, seed), step, 8))).isEqualTo(totp);
        // The tests' own reference code, used as the app's side elsewhere, agrees.
        assertThat(ReferenceTotp.codeAtStep(seed, algorithm.macName(), 8, step)).isEqualTo(totp);
    }

    /** The RFCs' secret: the ASCII digits 1234567890 repeated to {@code length} bytes. */
    private static byte[] seed(int length) {
        return DIGITS.repeat(length / DIGITS.length() + 1).substring(0, length).getBytes(StandardCharsets.US_ASCII);
    }

    private static String ascii(byte[] code) {
        return new String(code, StandardCharsets.US_ASCII);
    }
}
