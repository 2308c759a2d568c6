package dev.mfa4j.duo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.mfa4j.api.Reason;
import dev.mfa4j.api.spi.VerificationOutcome;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Duo's replies as an attacker or a broken proxy could shape them, read by the reply parser and
 * then decided on as a passcode, a push and a preauth would: each ends in an outcome, never an
 * exception or a hang, and nothing but {@code result: allow} with status {@code allow} or
 * {@code bypass} in a well-formed OK answer lets anyone in.
 */
class DuoAnswersFuzzTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);
    private static final String PASSCODE = "493021";
    private static final List<String> VALID = List.of(
            "{\"stat\":\"OK\",\"response\":{\"result\":\"allow\",\"status\":\"allow\",\"status_msg\":\"Success. Logging you in...\"}}",
            "{\"stat\":\"OK\",\"response\":{\"result\":\"deny\",\"status\":\"deny\",\"status_msg\":\"Login request denied.\"}}",
            "{\"stat\":\"OK\",\"response\":{\"result\":\"waiting\",\"status\":\"pushed\",\"txid\":\"45f7c92b-f45f-4862-8545-e0f58e78075a\"}}",
            "{\"stat\":\"OK\",\"response\":{\"result\":\"auth\",\"status_msg\":\"Account is active\",\"devices\":[{\"device\":\"DPFZRS9FB0D46QFTM891\","
                    + "\"capabilities\":[\"auto\",\"push\",\"sms\",\"phone\",\"mobile_otp\"],\"type\":\"phone\",\"number\":\"XXX-XXX-0100\"}]}}",
            "{\"stat\":\"OK\",\"response\":{\"result\":\"enroll\",\"status_msg\":\"Enroll an authentication device to proceed\","
                    + "\"enroll_portal_url\":\"https://api-3945ef22.duosecurity.com/portal?code=48bac5d9393fb2c2\"}}",
            "{\"stat\":\"FAIL\",\"code\":40002,\"message\":\"Invalid request parameters\",\"message_detail\":\"username\"}",
            "{\"stat\":\"FAIL\",\"code\":42901,\"message\":\"Too Many Requests\"}");
    private static final String CHARACTERS = "{}[]\":,.-+eE0123456789 \\/\u0000\u00e9abcdefghijklmnopqrstuvwxyzOKFAIL" + PASSCODE;

    private final ReplyParser parser = new ReplyParser(CLOCK);

    @Property(seed = "20261206")
    void everyReplyEndsInAnOutcomeAndOnlyAWellFormedAllowLetsAnyoneIn(@ForAll("replies") Tuple.Tuple3<Integer, String, String> reply) {
        int status = reply.get1();
        byte[] body = reply.get2().getBytes(StandardCharsets.UTF_8);
        HttpHeaders headers = HttpHeaders.of(Map.of("Content-Type", List.of(reply.get3()), "Retry-After", List.of(reply.get2().length() % 2 == 0
                ? "7" : "Tue, 02 Dec 2026 10:00:30 GMT")), (name, value) -> true);

        DuoReply parsed = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> parser.parse(status, headers, body));
        assertThat(parsed).isNotNull();
        for (Factor factor : Factor.values()) {
            VerificationOutcome outcome = outcomeOf(parsed, factor);
            assertThat(outcome).isNotNull();
            assertThat(outcome.message()).doesNotContain(PASSCODE);
            if (outcome.reason().allowsLogin()) {
                assertThat(status).isBetween(200, 299);
                assertThat(reply.get3().toLowerCase(java.util.Locale.ROOT)).startsWith("application/json");
                assertThat(reply.get2()).contains("allow");
                assertThat(outcome.reason()).isIn(Reason.APPROVED, Reason.PROVIDER_BYPASS);
            }
        }
        if (parsed instanceof DuoReply.Ok ok) {
            for (String keyword : KeywordChoice.KEYWORDS) {
                assertThat(PreauthAnswers.decide(ok.response(), KeywordChoice.parse(keyword).orElseThrow())).isNotNull();
            }
        }
    }

    private static VerificationOutcome outcomeOf(DuoReply reply, Factor factor) {
        if (reply instanceof DuoReply.Ok ok) {
            AuthDecision decision = AuthAnswers.decide(ok.response(), factor, factor != Factor.PASSCODE, PASSCODE);
            return decision instanceof AuthDecision.Final finished ? finished.outcome() : VerificationOutcome.rejected(Reason.TIMED_OUT, "waiting");
        }
        if (reply instanceof DuoReply.Fail fail) {
            return Failures.outcome(fail, CLOCK, "fuzz", PASSCODE);
        }
        return Failures.outcome((DuoReply.Unusable) reply, PASSCODE);
    }

    @Provide
    Arbitrary<Tuple.Tuple3<Integer, String, String>> replies() {
        Arbitrary<Integer> status = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.just(200)),
                Tuple.of(4, Arbitraries.of(204, 302, 400, 401, 403, 429, 500, 502, 503, 599, 100)));
        Arbitrary<String> body = Arbitraries.frequencyOf(
                Tuple.of(8, Combinators.combine(Arbitraries.of(VALID), Arbitraries.integers().between(1, 5), Arbitraries.longs())
                        .as(DuoAnswersFuzzTest::mutate)),
                Tuple.of(2, Arbitraries.strings().withChars(CHARACTERS.toCharArray()).ofMaxLength(300)));
        Arbitrary<String> type = Arbitraries.of("application/json", "application/json; charset=utf-8", "text/html", "", "APPLICATION/JSON");
        return Combinators.combine(status, body, type).as(Tuple::of);
    }

    private static String mutate(String document, int edits, long seed) {
        StringBuilder text = new StringBuilder(document);
        Random random = new Random(seed);
        for (int i = 0; i < edits && text.length() > 0; i++) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(4)) {
                case 0 -> text.setCharAt(at, CHARACTERS.charAt(random.nextInt(CHARACTERS.length())));
                case 1 -> text.insert(at, List.of("\"allow\"", "\"bypass\"", "null", "[]", "{}", ",\"stat\":\"OK\"", "\"" + PASSCODE + "\"")
                        .get(random.nextInt(7)));
                case 2 -> text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(6)));
                default -> text.insert(at, text.substring(at, Math.min(text.length(), at + 1 + random.nextInt(15))));
            }
        }
        return text.toString();
    }
}
