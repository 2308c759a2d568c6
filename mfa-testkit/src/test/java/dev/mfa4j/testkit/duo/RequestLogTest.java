package dev.mfa4j.testkit.duo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mfa4j.testkit.duo.TestClient.Signing;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What takeRequest and the counts report. */
class RequestLogTest {

    @Test
    void recordsWhatWasSentInOrder() throws InterruptedException {
        try (DuoSimulator duo = DuoSimulator.builder().user(DuoUser.withSmartphone("alice")).start()) {
            TestClient client = new TestClient(duo);
            client.ping();
            client.post("/auth/v2/preauth", Map.of("username", "alice"));
            client.signing(Signing.V5).post("/auth/v2/auth", Map.of("username", "alice", "factor", "passcode", "passcode", "424242"));

            assertThat(duo.requestCount()).isEqualTo(3);
            assertThat(duo.requestCount("/auth/v2/preauth")).isEqualTo(1);
            assertThat(duo.requestCount("/auth/v2/check")).isZero();

            RecordedDuoRequest ping = duo.takeRequest();
            assertThat(ping.sequenceNumber()).isZero();
            assertThat(ping.method()).isEqualTo("GET");
            assertThat(ping.path()).isEqualTo("/auth/v2/ping");

            RecordedDuoRequest preauth = duo.takeRequest(Duration.ofSeconds(5));
            assertThat(preauth.method()).isEqualTo("POST");
            assertThat(preauth.header("content-type")).contains("application/x-www-form-urlencoded");
            assertThat(preauth.header("Authorization").orElseThrow()).startsWith("Basic ");
            assertThat(preauth.bodyText()).isEqualTo("username=alice");
            assertThat(preauth.signatureScheme()).contains(SignatureScheme.V2_HMAC_SHA512);

            RecordedDuoRequest auth = duo.takeRequest();
            assertThat(auth.header("Content-Type")).contains("application/json");
            assertThat(auth.params()).containsEntry("factor", java.util.List.of("passcode"));
            assertThat(auth.signatureScheme()).contains(SignatureScheme.V5_HMAC_SHA512);
            // Passcodes are secrets: the body never shows up in toString.
            assertThat(auth.toString()).doesNotContain("424242").contains("/auth/v2/auth");
            byte[] body = auth.body();
            body[0] = 'X';
            assertThat(auth.bodyText()).startsWith("{");

            // Every request above was answered, so it was logged: nothing more can come.
            assertThat(duo.takeRequest(Duration.ZERO)).isNull();
            assertThatThrownBy(() -> duo.takeRequest(Duration.ZERO).method()).isInstanceOf(NullPointerException.class);
        }
    }

    @Test
    void aBoundedLogDropsTheOldestButCountsAll() throws InterruptedException {
        try (DuoSimulator duo = DuoSimulator.builder().requestLogCapacity(2).start()) {
            TestClient client = new TestClient(duo);
            for (int i = 0; i < 5; i++) {
                client.ping();
            }
            assertThat(duo.requestCount()).isEqualTo(5);
            assertThat(duo.takeRequest().sequenceNumber()).isEqualTo(3);
            assertThat(duo.takeRequest().sequenceNumber()).isEqualTo(4);
            assertThat(duo.takeRequest(Duration.ZERO)).isNull();
        }
    }
}
