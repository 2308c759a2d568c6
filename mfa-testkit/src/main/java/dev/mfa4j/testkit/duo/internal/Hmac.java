package dev.mfa4j.testkit.duo.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The two HMACs Duo signs with. Stateless and thread-safe. */
public enum Hmac {
    /** HMAC-SHA1, 40 hex characters: the algorithm Duo's v2 documentation names. */
    SHA1("HmacSHA1"),
    /** HMAC-SHA512, 128 hex characters: what current clients use for v2 and v5. */
    SHA512("HmacSHA512");

    private final String jcaName;

    Hmac(String jcaName) {
        this.jcaName = jcaName;
    }

    /** Lower-case hex HMAC of the UTF-8 {@code message} under the UTF-8 {@code key}. */
    public String hex(String key, String message) {
        try {
            Mac mac = Mac.getInstance(jcaName);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), jcaName));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(jcaName + " is required of every JDK", e);
        }
    }
}
