package dev.mfa4j.testkit.duo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mfa4j.testkit.duo.TestClient.Reply;
import dev.mfa4j.testkit.duo.TestClient.Signing;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What each endpoint answers, in Duo's envelope, for each kind of user. */
class EndpointsTest {

    static DuoSimulator duo;
    static TestClient client;

    @BeforeAll
    static void start() {
        duo = DuoSimulator.builder()
                .user(DuoUser.builder("alice").smartphone().token().passcodes("123456", "654321").build())
                .user(DuoUser.builder("bob").userId("DUBOB0000000000000B1").landline().build())
                .user(DuoUser.builder("tess").token().passcodes("111111").build())
                .user(DuoUser.builder("byron").status(DuoUserStatus.BYPASS).build())
                .user(DuoUser.builder("lou").status(DuoUserStatus.LOCKED_OUT).smartphone().passcodes("222222").build())
                .user(DuoUser.builder("dina").status(DuoUserStatus.DISABLED).smartphone().build())
                .user(DuoUser.builder("newton").status(DuoUserStatus.NOT_ENROLLED).build())
                .defaultPushBehaviour(PushBehaviour.approve())
                .start();
        client = new TestClient(duo);
    }

    @AfterAll
    static void stop() {
        duo.close();
    }

    static Reply preauth(Map<String, String> params) {
        return client.post("/auth/v2/preauth", params);
    }

    static Reply auth(Map<String, String> params) {
        return client.post("/auth/v2/auth", params);
    }

    static void assertInvalidParameters(Reply reply, String detail) {
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.stat()).isEqualTo("FAIL");
        assertThat(reply.code()).isEqualTo(40002);
        assertThat(reply.json().get("message").asText()).isEqualTo("Invalid request parameters");
        assertThat(reply.json().get("message_detail").asText()).isEqualTo(detail);
    }

    static void assertResult(Reply reply, String result, String status) {
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.stat()).isEqualTo("OK");
        assertThat(reply.response().get("result").asText()).isEqualTo(result);
        assertThat(reply.response().get("status").asText()).isEqualTo(status);
        assertThat(reply.response().get("status_msg").asText()).isNotBlank();
    }

    @Test
    void preauthOfAnActiveUserListsDevicesTheWayDuoDoes() {
        Reply reply = preauth(Map.of("username", "alice"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.raw().headers().firstValue("Content-Type")).contains("application/json");
        JsonNode response = reply.response();
        assertThat(response.get("result").asText()).isEqualTo("auth");
        assertThat(response.get("status_msg").asText()).isEqualTo("Account is active");
        assertThat(response.has("txid")).isFalse();
        JsonNode phone = response.get("devices").get(0);
        DuoUser alice = duo.user("alice").orElseThrow();
        assertThat(phone.get("device").asText()).isEqualTo(alice.devices().get(0).id()).startsWith("DP").hasSize(20);
        assertThat(phone.get("type").asText()).isEqualTo("phone");
        assertThat(phone.get("number").asText()).isEqualTo("XXX-XXX-0100");
        List<String> capabilities = new ArrayList<>();
        phone.get("capabilities").forEach(c -> capabilities.add(c.asText()));
        assertThat(capabilities).containsExactly("auto", "push", "sms", "phone", "mobile_otp");
        JsonNode token = response.get("devices").get(1);
        assertThat(token.get("type").asText()).isEqualTo("token");
        assertThat(token.get("device").asText()).startsWith("DH");
        assertThat(token.has("capabilities")).isFalse();
    }

    @Test
    void preauthByUserId() {
        assertThat(preauth(Map.of("user_id", "DUBOB0000000000000B1")).response().get("result").asText()).isEqualTo("auth");
    }

    @Test
    void preauthOfABypassLockedDisabledAndUnenrolledUser() {
        assertThat(preauth(Map.of("username", "byron")).response().get("result").asText()).isEqualTo("allow");
        assertThat(preauth(Map.of("username", "lou")).response().get("result").asText()).isEqualTo("deny");
        assertThat(preauth(Map.of("username", "dina")).response().get("result").asText()).isEqualTo("deny");
        JsonNode enroll = preauth(Map.of("username", "newton")).response();
        assertThat(enroll.get("result").asText()).isEqualTo("enroll");
        assertThat(enroll.get("status_msg").asText()).isEqualTo("Enroll an authentication device to proceed");
        assertThat(enroll.get("enroll_portal_url").asText()).startsWith("https://" + duo.host() + "/portal?");
    }

    @Test
    void exactlyOneOfUsernameAndUserIdIsRequired() {
        assertInvalidParameters(preauth(Map.of()), "exactly one of username and user_id is required");
        assertInvalidParameters(preauth(Map.of("username", "alice", "user_id", "DUBOB0000000000000B1")),
                "exactly one of username and user_id is required");
        assertInvalidParameters(auth(Map.of("factor", "push")), "exactly one of username and user_id is required");
    }

    @Test
    void anUnknownUserIs40002() {
        assertInvalidParameters(preauth(Map.of("username", "mallory")), "username");
        assertInvalidParameters(preauth(Map.of("user_id", "DUNOSUCHUSER00000000")), "user_id");
        assertInvalidParameters(auth(Map.of("username", "mallory", "factor", "passcode", "passcode", "1")), "username");
    }

    @ParameterizedTest
    @EnumSource(Signing.class)
    void aPasscodeWorksOnceAndItsReplayIsDenied(Signing signing) {
        client.signing(signing);
        String code = "code-" + signing;
        duo.addPasscodes("alice", code);
        Reply first = auth(Map.of("username", "alice", "factor", "passcode", "passcode", code));
        assertResult(first, "allow", "allow");
        assertThat(first.response().get("status_msg").asText()).isEqualTo("Success. Logging you in...");
        Reply replay = auth(Map.of("username", "alice", "factor", "passcode", "passcode", code));
        assertResult(replay, "deny", "deny");
        assertThat(replay.response().get("status_msg").asText()).isEqualTo("Incorrect passcode. Please try again.");
        client.signing(Signing.V2_SHA512);
    }

    @Test
    void aWrongPasscodeIsDeniedAndAnEmptyOneIs40002() {
        assertResult(auth(Map.of("username", "tess", "factor", "passcode", "passcode", "999999")), "deny", "deny");
        assertInvalidParameters(auth(Map.of("username", "tess", "factor", "passcode")), "passcode");
        assertResult(auth(Map.of("username", "tess", "factor", "passcode", "passcode", "111111")), "allow", "allow");
    }

    @Test
    void anAsyncPasscodeGivesATxidWhoseStatusIsFinal() {
        duo.addPasscodes("alice", "777777");
        Reply reply = auth(Map.of("username", "alice", "factor", "passcode", "passcode", "777777", "async", "1"));
        String txid = reply.response().get("txid").asText();
        assertThat(txid).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertResult(client.get("/auth/v2/auth_status", Map.of("txid", txid)), "allow", "allow");
    }

    @Test
    void bypassLockedDisabledAndUnenrolledUsersAtAuth() {
        assertResult(auth(Map.of("username", "byron", "factor", "push")), "allow", "bypass");
        assertResult(auth(Map.of("username", "lou", "factor", "passcode", "passcode", "222222")), "deny", "locked_out");
        assertResult(auth(Map.of("username", "dina", "factor", "push")), "deny", "deny");
        assertResult(auth(Map.of("username", "newton", "factor", "push")), "deny", "deny");
    }

    @Test
    void smsSendsPasscodesAndAlwaysDenies() {
        Reply reply = auth(Map.of("username", "alice", "factor", "sms", "device", "auto"));
        assertResult(reply, "deny", "sent");
        List<String> codes = duo.smsPasscodes("alice");
        assertThat(codes).hasSize(10).allMatch(c -> c.matches("[0-9]{7}"));
        assertResult(auth(Map.of("username", "alice", "factor", "passcode", "passcode", codes.get(3))), "allow", "allow");
    }

    @Test
    void aSynchronousPushWaitsForTheAnswer() {
        Reply reply = auth(Map.of("username", "alice", "factor", "push", "device", "auto"));
        assertResult(reply, "allow", "allow");
    }

    @Test
    void aPhoneCallGoesToAPhoneCapableDevice() {
        assertResult(auth(Map.of("username", "bob", "factor", "phone")), "allow", "allow");
    }

    @Test
    void autoPushesWhenItCanAndCallsOtherwise() throws InterruptedException {
        while (duo.takePush(java.time.Duration.ZERO) != null) {
            // earlier tests' pushes
        }
        assertResult(auth(Map.of("username", "alice", "factor", "auto")), "allow", "allow");
        assertThat(duo.takePush(java.time.Duration.ofSeconds(5)).factor()).isEqualTo("push");
        assertResult(auth(Map.of("username", "bob", "factor", "auto")), "allow", "allow");
        assertThat(duo.takePush(java.time.Duration.ofSeconds(5)).factor()).isEqualTo("phone");
    }

    @Test
    void noCapableDeviceIs40002() {
        assertInvalidParameters(auth(Map.of("username", "bob", "factor", "push")), "no capable device");
        assertInvalidParameters(auth(Map.of("username", "tess", "factor", "sms")), "no capable device");
        assertInvalidParameters(auth(Map.of("username", "alice", "factor", "push", "device", "DPNOSUCHDEVICE000000")), "device");
    }

    @Test
    void badFactorOrAsyncIs40002() {
        assertInvalidParameters(auth(Map.of("username", "alice")), "factor");
        assertInvalidParameters(auth(Map.of("username", "alice", "factor", "carrier-pigeon")), "factor");
        assertInvalidParameters(auth(Map.of("username", "alice", "factor", "push", "async", "true")), "async");
    }

    @Test
    void authStatusNeedsAKnownTxid() {
        assertInvalidParameters(client.get("/auth/v2/auth_status", Map.of()), "txid");
        assertInvalidParameters(client.get("/auth/v2/auth_status", Map.of("txid", "00000000-0000-0000-0000-000000000000")), "txid");
    }

    @Test
    void oversizedPushinfoIs40002() {
        assertInvalidParameters(auth(Map.of("username", "alice", "factor", "push", "async", "1",
                "pushinfo", "a=" + "x".repeat(20_000))), "pushinfo");
    }

    @Test
    void anUnknownPathIs404AndAWrongMethodIs405() {
        Reply missing = client.get("/auth/v2/logo_not_here", Map.of());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo(40401);
        Reply wrongMethod = client.get("/auth/v2/preauth", Map.of("username", "alice"));
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.code()).isEqualTo(40501);
    }

    @Test
    void undecodableParametersAre40002() {
        client.signing(Signing.V5);
        HttpRequest signed = client.signed("POST", "/auth/v2/preauth", Map.of()).build();
        // Signed over "[]": a JSON body that is not an object.
        HttpRequest request = HttpRequest.newBuilder(signed.uri())
                .header("Date", signed.headers().firstValue("Date").orElseThrow())
                .header("Content-Type", "application/json")
                .header("Authorization", TestSigner.basic(client.ikey, TestSigner.hmac("HmacSHA512", client.skey,
                        TestSigner.canonV5(signed.headers().firstValue("Date").orElseThrow(), "POST", duo.host(),
                                "/auth/v2/preauth", Map.of(), "[]".getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of()))))
                .POST(HttpRequest.BodyPublishers.ofString("[]")).build();
        Reply reply = client.send(request);
        client.signing(Signing.V2_SHA512);
        assertThat(reply.code()).isEqualTo(40002);
    }
}
