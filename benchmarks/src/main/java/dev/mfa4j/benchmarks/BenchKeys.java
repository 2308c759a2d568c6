package dev.mfa4j.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The benchmark integration's keys (used only against the simulator) and the bare-JDK v5 signer. */
final class BenchKeys {

    static final String IKEY = "DIBENCH0000000000001";
    static final String SKEY = "BenchmarkOnlySecretKey000000000000000000";
    static final String AUTH_PATH = "/auth/v2/auth";

    private static final HexFormat HEX = HexFormat.of();
    private static final DateTimeFormatter RFC_2822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss '-0000'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private BenchKeys() {
    }

    /**
     * The floor: what signing a v5 POST takes with the JDK alone. One instance per thread; the
     * digest and the keyed MAC are made once and reused, and the date is formatted once a second.
     */
    static final class JdkV5Signer {
        private final MessageDigest sha512;
        private final Mac hmac;
        private final String emptyHash;
        private final String host;
        private long dateSecond = -1;
        private String date;

        JdkV5Signer(String host) {
            this.host = host;
            try {
                sha512 = MessageDigest.getInstance("SHA-512");
                hmac = Mac.getInstance("HmacSHA512");
                hmac.init(new SecretKeySpec(SKEY.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            emptyHash = HEX.formatHex(sha512.digest(new byte[0]));
        }

        /** @return the JSON body Duo's v5 expects for a passcode auth (keys sorted) */
        static byte[] passcodeBody(String username, String passcode) {
            return ("{\"factor\":\"passcode\",\"passcode\":\"" + passcode + "\",\"username\":\"" + username + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
        }

        /** @return the current second's date, as Duo signs it */
        String date() {
            long second = System.currentTimeMillis() / 1000;
            if (second != dateSecond) {
                dateSecond = second;
                date = RFC_2822.format(java.time.Instant.ofEpochSecond(second));
            }
            return date;
        }

        /** @return the Authorization header for a POST to {@code path} with this body, signed at {@code date} */
        String authorization(String date, String path, byte[] body) {
            String canonical = date + "\nPOST\n" + host + "\n" + path + "\n\n" + HEX.formatHex(sha512.digest(body)) + "\n" + emptyHash;
            String signature = HEX.formatHex(hmac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
            return "Basic " + java.util.Base64.getEncoder().encodeToString((IKEY + ":" + signature).getBytes(StandardCharsets.UTF_8));
        }
    }
}
