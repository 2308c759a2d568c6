package dev.mfa4j.duo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Duo's published vectors for URL encoding and canonical parameters. Origins are named on each
 * test; the values are quoted from shared/reference/duo-auth-api.md §2.
 */
class CanonicalParamsTest {

    private static DuoParams params(Map<String, String> map) {
        DuoParams.Builder b = DuoParams.builder();
        map.forEach(b::add);
        return b.build();
    }

    /** Vector A: Java HttpCanonRequestTest, Python test_client.py, Go duo_test.go (printable ASCII). */
    @Test
    void printableAsciiVectorA() {
        DuoParams params = params(Map.of(
                "digits", "0123456789",
                "letters", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
                "punctuation", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
                "whitespace", "\t\n\u000b\u000c\r "));
        assertThat(params.canonical()).isEqualTo("digits=0123456789&letters=abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                + "&punctuation=%21%22%23%24%25%26%27%28%29%2A%2B%2C-.%2F%3A%3B%3C%3D%3E%3F%40%5B%5C%5D%5E_%60%7B%7C%7D~"
                + "&whitespace=%09%0A%0B%0C%0D%20");
    }

    /** Java/Python/Go canonical-params tests: realname and username. */
    @Test
    void spaceIsPercentTwenty() {
        assertThat(params(Map.of("realname", "First Last", "username", "root")).canonical())
                .isEqualTo("realname=First%20Last&username=root");
        assertThat(params(Map.of("realname", "First Last")).canonical()).isEqualTo("realname=First%20Last");
    }

    /** Java/Python/Go: no parameters give an empty string. */
    @Test
    void noParamsIsEmpty() {
        assertThat(DuoParams.NONE.canonical()).isEmpty();
    }

    /** Python and Java sort by key: foo before foo_bar. */
    @Test
    void sortsByKey() {
        assertThat(params(Map.of("foo_bar", "2", "foo", "1")).canonical()).isEqualTo("foo=1&foo_bar=2");
    }

    /** Go TestCanonicalize: repeated key sorted by value, upper-case method and lower-case host. */
    @Test
    void goCanonicalizeCase() {
        DuoParams params = DuoParams.builder().add("username", "H ell?o").add("password", "H-._~i").add("password", "A(!'*)").build();
        String canonical = Canonicalizer.v2("5", "post", "API-XXX.duosecurity.COM", "/auth/v2/ping", params);
        assertThat(canonical).isEqualTo("5\nPOST\napi-xxx.duosecurity.com\n/auth/v2/ping\n"
                + "password=A%28%21%27%2A%29&password=H-._~i&username=H%20ell%3Fo");
    }

    /** Our own check: multi-byte UTF-8 is encoded byte by byte with upper-case hex. */
    @Test
    void utf8BytesUpperHex() {
        assertThat(DuoUrlEncoding.encode("é~ 😀")).isEqualTo("%C3%A9~%20%F0%9F%98%80");
    }

    /** Values never appear in toString (they may be passcodes). */
    @Test
    void toStringShowsKeysOnly() {
        assertThat(DuoParams.builder().add("passcode", "918273").build().toString()).contains("passcode").doesNotContain("918273");
    }
}
