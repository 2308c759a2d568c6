package dev.mfa4j.testkit.duo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mfa4j.testkit.ManualTicker;
import dev.mfa4j.testkit.duo.TestClient.Reply;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scripted and test-driven push answers, Verified Push, push expiry and the auth_status long-poll. */
class PushTest {

    /** The simulator's time: push delays, expiry and the hold pass when a test advances it. */
    final ManualTicker ticker = new ManualTicker();
    DuoSimulator duo;
    TestClient client;

    @BeforeEach
    void start() {
        duo = DuoSimulator.builder()
                .ticker(ticker)
                .user(DuoUser.builder("alice").smartphone().build())
                .user(DuoUser.builder("vera").smartphone().verifiedPush(true).build())
                .pushTimeout(Duration.ofSeconds(30))
                .authStatusHold(Duration.ofSeconds(20))
                .start();
        client = new TestClient(duo);
    }

    @AfterEach
    void stop() {
        duo.close();
    }

    String asyncPush(String username) {
        Reply reply = client.post("/auth/v2/auth", Map.of("username", username, "factor", "push", "async", "1"));
        assertThat(reply.status()).isEqualTo(200);
        return reply.response().get("txid").asText();
    }

    Reply status(String txid) {
        return client.get("/auth/v2/auth_status", Map.of("txid", txid));
    }

    CompletableFuture<Reply> statusAsync(String txid) {
        return client.getAsync("/auth/v2/auth_status", Map.of("txid", txid));
    }

    static void assertState(Reply reply, String result, String status) {
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.response().get("result").asText()).isEqualTo(result);
        assertThat(reply.response().get("status").asText()).isEqualTo(status);
    }

    /** Polls until the final answer, as a client loop would. */
    Reply finalStatus(String txid) {
        Reply reply = status(txid);
        while (reply.response().get("result").asText().equals("waiting")) {
            reply = status(txid);
        }
        return reply;
    }

    @Test
    void theFirstPollReportsPushedAtOnceAndTheNextWaitsForTheTestsApproval() throws InterruptedException {
        String txid = asyncPush("alice");
        assertState(status(txid), "waiting", "pushed");
        CompletableFuture<Reply> held = statusAsync(txid);
        await().atMost(Duration.ofSeconds(30)).until(() -> duo.parkedLongPolls() == 1);
        assertThat(held).isNotDone();

        PushNotification push = duo.takePush(Duration.ofSeconds(5));
        assertThat(push.txid()).isEqualTo(txid);
        assertThat(push.username()).isEqualTo("alice");
        assertThat(push.deviceId()).isEqualTo(duo.user("alice").orElseThrow().devices().get(0).id());
        assertThat(push.verificationCode()).isEmpty();
        duo.approve(txid);

        assertState(held.join(), "allow", "allow");
        assertThat(duo.parkedLongPolls()).isZero();
        // A finished transaction answers at once, again and again.
        assertState(status(txid), "allow", "allow");
        assertThat(duo.transactionStatus(txid)).contains("allow");
    }

    @Test
    void aHeldPollIsAnsweredWaitingWhenTheHoldLimitPasses() {
        String txid = asyncPush("alice");
        status(txid);
        CompletableFuture<Reply> held = statusAsync(txid);
        await().atMost(Duration.ofSeconds(30)).until(() -> duo.parkedLongPolls() == 1);

        ticker.advance(Duration.ofSeconds(20));

        assertState(held.join(), "waiting", "pushed");
        assertThat(duo.parkedLongPolls()).isZero();
        assertThat(duo.transactionStatus(txid)).contains("pushed");
    }

    @Test
    void everyParkedPollOfATransactionIsReleasedByOneChange() {
        String txid = asyncPush("alice");
        status(txid);
        CompletableFuture<Reply> first = statusAsync(txid);
        CompletableFuture<Reply> second = statusAsync(txid);
        await().atMost(Duration.ofSeconds(30)).until(() -> duo.parkedLongPolls() == 2);
        duo.deny(txid);
        assertState(first.join(), "deny", "deny");
        assertState(second.join(), "deny", "deny");
    }

    @Test
    void scriptedBehaviours() {
        duo.scriptNextPush("alice", PushBehaviour.approveAfter(Duration.ofSeconds(5)));
        String approved = asyncPush("alice");
        assertState(status(approved), "waiting", "pushed");
        ticker.advance(Duration.ofSeconds(5));
        assertState(finalStatus(approved), "allow", "allow");
        duo.scriptNextPush("alice", PushBehaviour.deny());
        assertState(finalStatus(asyncPush("alice")), "deny", "deny");
        duo.scriptNextPush("alice", PushBehaviour.fraud());
        assertState(finalStatus(asyncPush("alice")), "deny", "fraud");
        duo.scriptNextPush("alice", PushBehaviour.timeout());
        assertState(finalStatus(asyncPush("alice")), "deny", "timeout");
        duo.scriptNextPush("alice", PushBehaviour.pushFailed());
        assertState(status(asyncPush("alice")), "deny", "push_failed");
        duo.scriptNextPush("alice", PushBehaviour.denyAfter(Duration.ofSeconds(1)));
        duo.scriptNextPush("alice", PushBehaviour.fraudAfter(Duration.ofSeconds(2)));
        duo.scriptNextPush("alice", PushBehaviour.timeoutAfter(Duration.ofSeconds(3)));
        String denied = asyncPush("alice");
        String fraud = asyncPush("alice");
        String timedOut = asyncPush("alice");
        ticker.advance(Duration.ofMillis(2500));
        assertState(finalStatus(denied), "deny", "deny");
        assertState(finalStatus(fraud), "deny", "fraud");
        assertState(status(timedOut), "waiting", "pushed");
        ticker.advance(Duration.ofMillis(500));
        assertState(finalStatus(timedOut), "deny", "timeout");
    }

    @Test
    void aOneOffScriptGoesBeforeTheStandingOne() {
        duo.scriptPushes("alice", PushBehaviour.approve());
        duo.scriptNextPush("alice", PushBehaviour.deny());
        assertState(finalStatus(asyncPush("alice")), "deny", "deny");
        assertState(finalStatus(asyncPush("alice")), "allow", "allow");
        assertState(finalStatus(asyncPush("alice")), "allow", "allow");
    }

    @Test
    void aSynchronousPushIsAnsweredWhenTheTestDenies() throws InterruptedException {
        CompletableFuture<Reply> auth = client.postAsync("/auth/v2/auth", Map.of("username", "alice", "factor", "push"));
        // The push comes after this client's first TLS handshake: seconds, on a busy machine.
        PushNotification push = duo.takePush(Duration.ofSeconds(30));
        assertThat(auth).isNotDone();
        duo.reportFraud(push.txid());
        assertState(auth.join(), "deny", "fraud");
    }

    @Test
    void anUnansweredPushTimesOutAfterThePushTimeoutAndNotBefore() {
        String txid = asyncPush("alice");
        assertState(status(txid), "waiting", "pushed");
        CompletableFuture<Reply> held = statusAsync(txid);
        await().atMost(Duration.ofSeconds(30)).until(() -> duo.parkedLongPolls() == 1);

        ticker.advance(Duration.ofSeconds(20));
        assertState(held.join(), "waiting", "pushed");
        ticker.advance(Duration.ofSeconds(10).minusNanos(1));
        CompletableFuture<Reply> last = statusAsync(txid);
        await().atMost(Duration.ofSeconds(30)).until(() -> duo.parkedLongPolls() == 1);
        assertThat(last).as("a nanosecond before the 30 s push timeout").isNotDone();

        ticker.advance(Duration.ofNanos(1));
        assertState(last.join(), "deny", "timeout");
    }

    @Test
    void pushinfoTypeAndDisplayUsernameReachThePhone() throws InterruptedException {
        client.post("/auth/v2/auth", Map.of("username", "alice", "factor", "push", "async", "1",
                "pushinfo", "from=login%20portal&domain=example.com", "type", "Login", "display_username", "Alice A."));
        PushNotification push = duo.takePush(Duration.ofSeconds(5));
        assertThat(push.pushinfo()).containsEntry("from", "login portal").containsEntry("domain", "example.com");
        assertThat(push.type()).contains("Login");
        assertThat(push.displayUsername()).contains("Alice A.");
    }

    @Test
    void answeringAFinishedOrUnknownTransactionThrows() {
        String txid = asyncPush("alice");
        duo.approve(txid);
        assertThatThrownBy(() -> duo.deny(txid)).isInstanceOf(IllegalStateException.class).hasMessageContaining("allow");
        assertThatThrownBy(() -> duo.approve("nope")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> duo.approve(txid, "123")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> duo.scriptNextPush("nobody", PushBehaviour.approve())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void expireEndsAPushWithTimeout() {
        String txid = asyncPush("alice");
        duo.expire(txid);
        assertState(status(txid), "deny", "timeout");
    }

    // ---- Verified Push ----

    String verifiedPush() {
        Reply preauth = client.post("/auth/v2/preauth", Map.of("username", "vera", "client_supports_verified_push", "1"));
        String txid = preauth.response().get("txid").asText();
        Reply auth = client.post("/auth/v2/auth", Map.of("username", "vera", "factor", "push", "async", "1", "txid", txid));
        assertThat(auth.response().get("txid").asText()).isEqualTo(txid);
        return txid;
    }

    static String codeShownIn(Reply waiting) {
        assertState(waiting, "waiting", "pushed");
        Matcher matcher = Pattern.compile("enter verification code (\\d+)").matcher(waiting.response().get("status_msg").asText());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    @Test
    void verifiedPushApprovesOnlyWithTheCodeShownToTheUser() throws InterruptedException {
        String txid = verifiedPush();
        String shown = codeShownIn(status(txid));
        PushNotification push = duo.takePush(Duration.ofSeconds(5));
        assertThat(push.verificationCode()).contains(shown);
        assertThatThrownBy(() -> duo.approve(txid)).isInstanceOf(IllegalArgumentException.class);
        duo.approve(txid, shown);
        assertState(status(txid), "allow", "allow");
    }

    @Test
    void verifiedPushWithAWrongCodeIsDenied() {
        String txid = verifiedPush();
        String shown = codeShownIn(status(txid));
        duo.approve(txid, shown.equals("000") ? "001" : "000");
        assertState(status(txid), "deny", "deny");
    }

    @Test
    void aScriptedApprovalTypesTheRightCodeOnceTheCodeWasShown() {
        duo.scriptNextPush("vera", PushBehaviour.approveAfter(Duration.ofSeconds(3)));
        String txid = verifiedPush();
        ticker.advance(Duration.ofSeconds(3));
        assertThat(duo.transactionStatus(txid)).as("no poll has shown the code yet").contains("pushed");

        codeShownIn(status(txid));
        ticker.advance(Duration.ofSeconds(3));

        assertState(finalStatus(txid), "allow", "allow");
    }

    @Test
    void verifiedPushNeedsTheClientToSayItSupportsIt() {
        assertThat(client.post("/auth/v2/preauth", Map.of("username", "vera")).response().has("txid")).isFalse();
        assertThat(client.post("/auth/v2/preauth", Map.of("username", "alice", "client_supports_verified_push", "1"))
                .response().has("txid")).isFalse();
    }

    @Test
    void aVerifiedPushTxidIsGoodOnceAndForItsUserOnly() {
        Reply preauth = client.post("/auth/v2/preauth", Map.of("username", "vera", "client_supports_verified_push", "1"));
        String txid = preauth.response().get("txid").asText();
        Reply other = client.post("/auth/v2/auth", Map.of("username", "alice", "factor", "push", "async", "1", "txid", txid));
        assertThat(other.code()).isEqualTo(40002);
        client.post("/auth/v2/auth", Map.of("username", "vera", "factor", "push", "async", "1", "txid", txid));
        Reply again = client.post("/auth/v2/auth", Map.of("username", "vera", "factor", "push", "async", "1", "txid", txid));
        assertThat(again.code()).isEqualTo(40002);
    }
}
