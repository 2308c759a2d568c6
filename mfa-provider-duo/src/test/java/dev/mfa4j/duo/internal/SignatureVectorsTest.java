package dev.mfa4j.duo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.Secret;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every published signing vector in shared/reference/duo-auth-api.md §2, each test naming where
 * the vector comes from.
 */
class SignatureVectorsTest {

    private static final String DOC_IKEY = "DIWJ8X6AEYOR5OMC6TQ1";
    private static final String DOC_SKEY = "Zh5eGmUq9zpfQnyUIu5OL9iWoMMv5ZNmk3zLJ4Ep";
    private static final String DOC_DATE = "Tue, 21 Aug 2012 17:29:18 -0000";

    // Vector B's canonical parameter line, as published; the parameters are decoded from it.
    private static final String B_PARAMS = "%E4%9A%9A%E2%A1%BB%E3%97%90%E8%BB%B3%E6%9C%A7%E5%80%AA%E0%A0%90%ED%82%91%C3%88%EC%85%B0"
            + "=%E0%BD%85%E1%A9%B6%E3%90%9A%E6%95%8C%EC%88%BF%E9%AC%89%EA%AF%A2%E8%8D%83%E1%AC%A7%E6%83%90"
            + "&%E7%91%89%E7%B9%8B%EC%B3%BB%E5%A7%BF%EF%B9%9F%E8%8E%B7%EA%B7%8C%E9%80%8C%EC%BF%91%E7%A0%93"
            + "=%E8%B6%B7%E5%80%A2%E9%8B%93%E4%8B%AF%E2%81%BD%E8%9C%B0%EA%B3%BE%E5%98%97%E0%A5%86%E4%B8%B0"
            + "&%E7%91%B0%E9%8C%94%E9%80%9C%E9%BA%AE%E4%83%98%E4%88%81%E8%8B%98%E8%B1%B0%E1%B4%B1%EA%81%82"
            + "=%E1%9F%99%E0%AE%A8%E9%8D%98%EA%AB%9F%EA%90%AA%E4%A2%BE%EF%AE%96%E6%BF%A9%EB%9F%BF%E3%8B%B3"
            + "&%EC%8B%85%E2%B0%9D%E2%98%A0%E3%98%97%E9%9A%B3F%E8%98%85%E2%83%A8%EA%B0%A1%E5%A4%B4"
            + "=%EF%AE%A9%E4%86%AA%EB%B6%83%E8%90%8B%E2%98%95%E3%B9%AE%E6%94%AD%EA%A2%B5%ED%95%ABU";

    private static DuoParams bParams() {
        DuoParams.Builder b = DuoParams.builder();
        for (String pair : B_PARAMS.split("&")) {
            String[] kv = pair.split("=", 2);
            b.add(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return b.build();
    }

    private static String bCanonical() {
        return Canonicalizer.v2("Fri, 07 Dec 2012 17:18:00 -0000", "PoSt", "foO.BAr52.cOm", "/Foo/BaR2/qux", bParams());
    }

    /** Vector B (Python TestCanonicalize.test_v2 / TestSign, Java HttpSignHMACTest): the canonical string. */
    @Test
    void vectorBCanonical() {
        assertThat(bCanonical()).isEqualTo("Fri, 07 Dec 2012 17:18:00 -0000\nPOST\nfoo.bar52.com\n/Foo/BaR2/qux\n" + B_PARAMS);
    }

    /** Vector B, HMAC-SHA1 (Python TestSign). */
    @Test
    void vectorBHmacSha1() {
        DuoSigner signer = new DuoSigner("test_ikey", Secret.of("gtdfxv9YgVBYcF6dl2Eq17KUQJN2PLM2ODVTkvoT"), HmacAlgorithm.HMAC_SHA1);
        assertThat(signer.signature(bCanonical())).isEqualTo("f01811cbbf9561623ab45b893096267fd46a5178");
        assertThat(signer.authorization(bCanonical())).isEqualTo("Basic " + java.util.Base64.getEncoder()
                .encodeToString("test_ikey:f01811cbbf9561623ab45b893096267fd46a5178".getBytes(StandardCharsets.UTF_8)));
    }

    /** Vector B, HMAC-SHA512 (Python TestSign, Java HttpSignHMACTest). */
    @Test
    void vectorBHmacSha512() {
        DuoSigner signer = new DuoSigner("test_ikey", Secret.of("gtdfxv9YgVBYcF6dl2Eq17KUQJN2PLM2ODVTkvoT"), HmacAlgorithm.HMAC_SHA512);
        assertThat(signer.signature(bCanonical())).isEqualTo("0508065035a03b2a1de2f453e629e791d180329e157f65df6b3e0f08299d4321"
                + "e1c5c7a7c7ee6b9e5fc80d1fb6fbf3ad5eb7c44dd3b3985a02c37aca53ec3698");
    }

    private static String cCanonical() {
        DuoParams params = DuoParams.builder().add("realname", "First Last").add("username", "root").build();
        return Canonicalizer.v2(DOC_DATE, "POST", "api-XXXXXXXX.duosecurity.com", "/accounts/v1/account/list", params);
    }

    /** Vector C (Go TestSign; Duo's documentation credentials): canonical string and HMAC-SHA512 header. */
    @Test
    void vectorCDocumentationCredentialsSha512() {
        assertThat(cCanonical()).isEqualTo(DOC_DATE + "\nPOST\napi-xxxxxxxx.duosecurity.com\n/accounts/v1/account/list\n"
                + "realname=First%20Last&username=root");
        DuoSigner signer = new DuoSigner(DOC_IKEY, Secret.of(DOC_SKEY), HmacAlgorithm.HMAC_SHA512);
        assertThat(signer.signature(cCanonical())).isEqualTo("1bffb8924348f7db7da9e7d7d749ded93aafd02d8e904960da7b96c575102201"
                + "85a64a2827ee8f24ac5d30802a9ee97e59de44b304b18242f0d596d15a8122af");
        assertThat(signer.authorization(cCanonical())).isEqualTo("Basic RElXSjhYNkFFWU9SNU9NQzZUUTE6MWJmZmI4OTI0MzQ4ZjdkYjdkYTll"
                + "N2Q3ZDc0OWRlZDkzYWFmZDAyZDhlOTA0OTYwZGE3Yjk2YzU3NTEwMjIwMTg1YTY0YTI4MjdlZThmMjRhYzVkMzA4MDJhOWVlOTdlNTlkZTQ0YjMw"
                + "NGIxODI0MmYwZDU5NmQxNWE4MTIyYWY=");
    }

    /** Vector C with HMAC-SHA1 (computed in the reference with Duo's clients; the value Duo's docs print). */
    @Test
    void vectorCDocumentationCredentialsSha1() {
        DuoSigner signer = new DuoSigner(DOC_IKEY, Secret.of(DOC_SKEY), HmacAlgorithm.HMAC_SHA1);
        assertThat(signer.signature(cCanonical())).isEqualTo("2d97d6166319781b5a3a07af39d366f491234edc");
        assertThat(signer.authorization(cCanonical()))
                .isEqualTo("Basic RElXSjhYNkFFWU9SNU9NQzZUUTE6MmQ5N2Q2MTY2MzE5NzgxYjVhM2EwN2FmMzlkMzY2ZjQ5MTIzNGVkYw==");
    }

    /** Vector D (Go TestSignV5): query params and a JSON body, no X-Duo headers. */
    @Test
    void vectorDV5() {
        byte[] body = "{\"txid\":\"f22b1678-252a-4070-b176-0ca2be7319fd\"}".getBytes(StandardCharsets.UTF_8);
        String canonical = Canonicalizer.v5(DOC_DATE, "POST", "api-XXXXXXXX.duosecurity.com", "/accounts/v1/account/list",
                DuoParams.builder().add("realname", "First Last").build(), body, Map.of());
        DuoSigner signer = new DuoSigner(DOC_IKEY, Secret.of(DOC_SKEY), HmacAlgorithm.HMAC_SHA512);
        assertThat(signer.signature(canonical)).isEqualTo("78f4327f831173cc78d0907e913e3c5a28fe72dd4545a342586bb67181f2ba39"
                + "3d20911e870362f6faba3dc6f7e9db5e93aed2f3bfc110c6dadaff4dc6179e0b");
        assertThat(signer.authorization(canonical)).isEqualTo("Basic RElXSjhYNkFFWU9SNU9NQzZUUTE6NzhmNDMyN2Y4MzExNzNjYzc4ZDA5MDdl"
                + "OTEzZTNjNWEyOGZlNzJkZDQ1NDVhMzQyNTg2YmI2NzE4MWYyYmEzOTNkMjA5MTFlODcwMzYyZjZmYWJhM2RjNmY3ZTlkYjVlOTNhZWQyZjNiZmMx"
                + "MTBjNmRhZGFmZjRkYzYxNzllMGI=");
    }

    /** Go TestCanonicalizeV5: the exact v5 canonical string. */
    @Test
    void goCanonicalizeV5() {
        byte[] body = ("{\"activation_code\":\"duo://x1bTAIQGWXppdi2ctPVn-YXBpLWR1bzEuZHVvLnRlc3Q\","
                + "\"user_id\":\"DU439XKOX2W6LMYHWLEV\"}").getBytes(StandardCharsets.UTF_8);
        String canonical = Canonicalizer.v5("Fri, 07 Dec 2012 17:18:00 -0000", "post", "FOO.example.CoM", "/Foo/BaR2/qux",
                DuoParams.builder().add("username", "H ell?o").build(), body, Map.of());
        assertThat(canonical).isEqualTo("Fri, 07 Dec 2012 17:18:00 -0000\nPOST\nfoo.example.com\n/Foo/BaR2/qux\nusername=H%20ell%3Fo\n"
                + "9ddab7d898836a76fafbb0dcef7bc83f14036b39bbb1ebbe43044f7c76338fa699eba8f0d3ecb329a084f32ef23c8a1609efad25032923b6"
                + "51e6f3f6d2f7b773\n"
                + "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81"
                + "a538327af927da3e");
    }

    /** Go TestHashString, and the SHA-512 of nothing quoted in §2. */
    @Test
    void hashes() {
        assertThat(Canonicalizer.sha512Hex("{\"limit\":10,\"offset\":2}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("66fabab062974c3dd3f4d27284e41bf8121d71c0e63e95631992062ef5d1a4058403af3482c8c32ae63cd724cbf0aa79"
                        + "3a931ef273539ef6f3745751c22f25f6");
        assertThat(Canonicalizer.EMPTY_SHA512).isEqualTo("cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
                + "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e");
    }

    /** X-Duo header hashes: Python test_v5_with_json (one header), Python and Java (two headers, mixed case). */
    @Test
    void xDuoHeaderHashes() {
        assertThat(Canonicalizer.duoHeadersHash(Map.of("X-Duo-Header-1", "header_value_1")))
                .isEqualTo("630b4bfe7e9abd03da2eee8f0a5d4e60a254ec880a839bcc2223bb5b9443e8ef24d58f0254f1f5934bf8c017ebd0fd5b"
                        + "1acf86766bdbe74185e712a4092df3ed");
        assertThat(Canonicalizer.duoHeadersHash(Map.of("x-duo-A", "header_value_1", "X-duo-B", "header_value_2")))
                .isEqualTo("60be11a30e0756f2ee2afdce1db849b987dcf86c1133394bd7bbbc9877920330c4d78aceacbb377ab8cbd9a8efe6a410"
                        + "fed4047376635ac71226ab46ca10d2b1");
        assertThat(Canonicalizer.duoHeadersHash(Map.of())).isEqualTo(Canonicalizer.EMPTY_SHA512);
    }

    /** Vector E (duo_hmac_python test_hmac.py): v5 with x-duo-date among the signed headers. */
    @Test
    void vectorEDuoHmacPython() {
        String date = "Fri, 24 May 2024 12:00:00 -0000";
        Map<String, String> headers = Map.of("x-duo-date", date);
        DuoSigner signer = new DuoSigner("DIABCDEFGHIJKLMNOPQR", Secret.of("testtesttesttesttesttesttesttesttesttest"), HmacAlgorithm.HMAC_SHA512);
        String host = "api-xxxxxxxx.duosecurity.com";
        byte[] none = new byte[0];
        assertThat(signer.signature(Canonicalizer.v5(date, "GET", host, "/api/path", DuoParams.NONE, none, headers)))
                .isEqualTo("c454639d75b4e3d99b8b1d5e41cd7bb2d2d8ba55f6811f786dfb0edd4facd2f3a5e6d6c837f31f6826706325b4ed7dcd"
                        + "c5f11164948e57a7032a524990e01583");
        assertThat(signer.signature(Canonicalizer.v5(date, "POST", host, "/api/path", DuoParams.NONE, RequestEncoder.json(DuoParams.NONE),
                headers))).isEqualTo("12a05d783b2e58e36f37df8a6907835496fbe20fb3d04b15036c82b1694fc58d1c0451b937fb9ba6e7c2b44d89b473af"
                        + "708166183d216aea13e52742a57f239f");
        assertThat(signer.signature(Canonicalizer.v5(date, "GET", host, "/api/path", DuoParams.builder().add("foo", "bar").build(), none,
                headers))).isEqualTo("88fe80f3b242b992f4b301408d524a886274d3ed0c4c7bd184e1b4ff378e68ea05d9433c09938078c49517a6c4264c"
                        + "950be9ff5cc28ad2d448cea24bc93887ca");
        byte[] body = RequestEncoder.json(DuoParams.builder().add("foo", "bar").build());
        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("{\"foo\":\"bar\"}");
        assertThat(signer.signature(Canonicalizer.v5(date, "POST", host, "/api/path", DuoParams.NONE, body, headers)))
                .isEqualTo("643770af31006c584a758d926250e46a90d79100d21f7a0313c3e77d64fa3c5d2c94e2c9081a2b65343cc3d5f2ed21f7"
                        + "300ea50b00640cb1760f323192307d37");
    }

    /** Vector F (computed in the reference with Duo's Java 0.7.1 and Python clients): Auth-API-shaped v5 calls. */
    @Test
    void vectorFAuthApiShapes() {
        DuoSigner signer = new DuoSigner(DOC_IKEY, Secret.of(DOC_SKEY), HmacAlgorithm.HMAC_SHA512);
        String host = "api-XXXXXXXX.duosecurity.com";
        assertThat(signer.signature(Canonicalizer.v5(DOC_DATE, "GET", host, "/auth/v2/auth_status",
                DuoParams.builder().add("txid", "45f7c92b-f45f-4862-8545-e0f58e78075a").build(), new byte[0], Map.of())))
                .isEqualTo("f88fc2e68ddd844d03251be8c6ff85bd32ec85ec446038491b6a3b87399e44ca98a50d101b4cb8ab3e3acd8d2ba357e0"
                        + "51941ef4621f3a8e8da343aa29792e71");
        byte[] body = RequestEncoder.json(DuoParams.builder().add("username", "alice").add("factor", "push").add("device", "auto")
                .add("async", "1").build());
        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("{\"async\":\"1\",\"device\":\"auto\",\"factor\":\"push\",\"username\":\"alice\"}");
        assertThat(Canonicalizer.sha512Hex(body)).isEqualTo("81711b45ffbd5d71ad1e476c698098f6f7dd3a290330143064210f51f0a706dc"
                + "422dd640385d7bcd1446375063378ed83503d13df191f06da285d9b6eafb1046");
        assertThat(signer.signature(Canonicalizer.v5(DOC_DATE, "POST", host, "/auth/v2/auth", DuoParams.NONE, body, Map.of())))
                .isEqualTo("7577fb64b1cc64c4b16ce14fb5c13f4eba684b604dd383686ad118243e0e322397aa748dcea342f16223982e0fc3beab"
                        + "3c4ff7d8e0b2ceceb4afe87b390099d5");
    }

    /** The signer's toString never shows the secret key. */
    @Test
    void signerHidesKey() {
        assertThat(new DuoSigner(DOC_IKEY, Secret.of(DOC_SKEY), HmacAlgorithm.HMAC_SHA512).toString()).doesNotContain(DOC_SKEY).contains("***");
    }
}
