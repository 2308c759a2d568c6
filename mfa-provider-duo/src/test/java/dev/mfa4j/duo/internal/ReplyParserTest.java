package dev.mfa4j.duo.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mfa4j.api.Reason;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The envelope parser on its own: Retry-After forms, code forms, and the strictness rules. */
class ReplyParserTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-05T10:00:00Z"), ZoneOffset.UTC);
    private static final String TIME_ONE = """
            {"stat":"OK","response":{"time":1}}""";

    private final ReplyParser parser = new ReplyParser(CLOCK);

    private static HttpHeaders headers(String... nameValue) {
        Map<String, List<String>> map = new java.util.HashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            map.put(nameValue[i], List.of(nameValue[i + 1]));
        }
        return HttpHeaders.of(map, (a, b) -> true);
    }

    private DuoReply parse(int status, String body, String... headers) {
        return parser.parse(status, headers(headers), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void retryAfterInSecondsAsAnHttpDateOrAsXRetryAfter() {
        String body = """
                {"stat":"FAIL","code":42901,"message":"Too Many Requests"}""";
        assertThat(((DuoReply.Fail) parse(429, body, "Retry-After", "7")).retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(((DuoReply.Fail) parse(429, body, "Retry-After", "Mon, 05 Jan 2026 10:00:30 GMT")).retryAfter())
                .contains(Duration.ofSeconds(30));
        assertThat(((DuoReply.Fail) parse(429, body, "Retry-After", "Mon, 05 Jan 2026 09:00:00 GMT")).retryAfter())
                .contains(Duration.ZERO);
        assertThat(((DuoReply.Fail) parse(429, body, "X-Retry-After", "3")).retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(((DuoReply.Fail) parse(429, body, "Retry-After", "soon")).retryAfter()).isEmpty();
    }

    @Test
    void codeAsNumberStringOrNonsense() {
        assertThat(((DuoReply.Fail) parse(401, """
                {"stat":"FAIL","code":40103,"message":"m"}""")).code()).isEqualTo(40103);
        assertThat(((DuoReply.Fail) parse(401, """
                {"stat":"FAIL","code":"40103","message":"m"}""")).code()).isEqualTo(40103);
        assertThat(((DuoReply.Fail) parse(401, """
                {"stat":"FAIL","code":"x","message":"m"}""")).code()).isZero();
        assertThat(((DuoReply.Fail) parse(401, """
                {"stat":"FAIL","code":4.5e10}""")).code()).isZero();
    }

    @Test
    void messagesLoseControlCharactersAndLength() {
        DuoReply.Fail fail = (DuoReply.Fail) parse(400, """
                {"stat":"FAIL","code":40002,"message":"a\\nINFO forged","message_detail":"%s"}""".formatted("x".repeat(500)));
        assertThat(fail.message()).doesNotContain("\n");
        assertThat(fail.detail()).hasSizeLessThanOrEqualTo(Texts.MAX + 1);
    }

    @Test
    void strictness() {
        assertThat(parse(200, """
                {"stat":"OK","response":{"a":1,"a":2}}""")).isInstanceOfSatisfying(DuoReply.Unusable.class,
                u -> assertThat(u.reason()).isEqualTo(Reason.PROVIDER_ERROR));
        assertThat(parse(200, """
                {"stat":"OK"}""")).isInstanceOfSatisfying(DuoReply.Unusable.class,
                u -> assertThat(u.reason()).isEqualTo(Reason.PROVIDER_ERROR));
        assertThat(parse(503, "<html>down</html>")).isInstanceOfSatisfying(DuoReply.Unusable.class,
                u -> assertThat(u.reason()).isEqualTo(Reason.PROVIDER_UNAVAILABLE));
        assertThat(parse(200, "")).isInstanceOf(DuoReply.Unusable.class);
        assertThat(parse(302, "<html>moved</html>")).isInstanceOfSatisfying(DuoReply.Unusable.class,
                u -> assertThat(u.reason()).isEqualTo(Reason.PROVIDER_ERROR));
        assertThat(parse(200, TIME_ONE, "Content-Type", "application/json; charset=utf-8"))
                .isInstanceOf(DuoReply.Ok.class);
        assertThat(parse(200, TIME_ONE)).as("no content type").isInstanceOf(DuoReply.Unusable.class);
    }
}
