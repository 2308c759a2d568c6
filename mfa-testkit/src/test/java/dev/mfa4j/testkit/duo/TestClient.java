package dev.mfa4j.testkit.duo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * A small Duo client on java.net.http for the tests, signing with {@link TestSigner}: v2 with
 * HMAC-SHA1 or HMAC-SHA512 over a form body or query, or v5 over a JSON body.
 */
final class TestClient {

    enum Signing { V2_SHA1, V2_SHA512, V5 }

    static final ObjectMapper JSON = new ObjectMapper();
    static final DateTimeFormatter RFC_2822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US);

    /** A response: status, headers, body text and its JSON (null if not JSON). */
    record Reply(int status, HttpResponse<String> raw, JsonNode json) {
        JsonNode response() {
            return json.get("response");
        }

        String stat() {
            return json.get("stat").asText();
        }

        int code() {
            return json.get("code").asInt();
        }
    }

    private final DuoSimulator simulator;
    private final HttpClient http;
    String ikey;
    String skey;
    Signing signing = Signing.V2_SHA512;
    Clock clock = Clock.systemUTC();
    boolean xDuoDate;

    TestClient(DuoSimulator simulator) {
        this.simulator = simulator;
        this.http = HttpClient.newBuilder().sslContext(simulator.clientSslContext())
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        this.ikey = simulator.integration().integrationKey();
        this.skey = simulator.integration().secretKey();
    }

    TestClient signing(Signing signing) {
        this.signing = signing;
        return this;
    }

    String date() {
        return ZonedDateTime.now(clock).withZoneSameInstant(ZoneOffset.UTC).format(RFC_2822);
    }

    HttpRequest.Builder signed(String method, String path, Map<String, String> params) {
        return signed(method, path, params, date());
    }

    /** A signed request with the current signing mode, not yet sent. */
    HttpRequest.Builder signed(String method, String path, Map<String, String> params, String date) {
        Map<String, List<String>> multi = new TreeMap<>();
        params.forEach((k, v) -> multi.put(k, List.of(v)));
        String host = simulator.host();
        HttpRequest.Builder request;
        String sig;
        boolean bodyMethod = method.equals("POST");
        if (signing == Signing.V5) {
            byte[] body = new byte[0];
            String query = "";
            if (bodyMethod) {
                try {
                    body = JSON.writeValueAsBytes(new TreeMap<>(params));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            } else {
                query = TestSigner.canonParams(multi);
            }
            Map<String, String> xDuo = new LinkedHashMap<>();
            if (xDuoDate) {
                xDuo.put("X-Duo-Date", date);
            }
            String canon = TestSigner.canonV5(date, method, host, path, bodyMethod ? Map.of() : multi, body, xDuo);
            sig = TestSigner.hmac("HmacSHA512", skey, canon);
            request = HttpRequest.newBuilder(uri(path, query));
            if (bodyMethod) {
                request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(body));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
        } else {
            String canon = TestSigner.canonV2(date, method, host, path, multi);
            sig = TestSigner.hmac(signing == Signing.V2_SHA1 ? "HmacSHA1" : "HmacSHA512", skey, canon);
            String encoded = TestSigner.canonParams(multi);
            if (bodyMethod) {
                request = HttpRequest.newBuilder(uri(path, ""))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .method(method, HttpRequest.BodyPublishers.ofString(encoded));
            } else {
                request = HttpRequest.newBuilder(uri(path, encoded)).method(method, HttpRequest.BodyPublishers.noBody());
            }
        }
        request.header(xDuoDate ? "X-Duo-Date" : "Date", date).header("Authorization", TestSigner.basic(ikey, sig))
                .timeout(Duration.ofSeconds(60));
        return request;
    }

    URI uri(String path, String query) {
        return URI.create(simulator.baseUrl() + path + (query.isEmpty() ? "" : "?" + query));
    }

    Reply send(HttpRequest request) {
        try {
            return toReply(http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    CompletableFuture<Reply> sendAsync(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).thenApply(TestClient::toReply);
    }

    private static Reply toReply(HttpResponse<String> response) {
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (IOException e) {
            json = null;
        }
        return new Reply(response.statusCode(), response, json);
    }

    Reply get(String path, Map<String, String> params) {
        return send(signed("GET", path, params).build());
    }

    Reply post(String path, Map<String, String> params) {
        return send(signed("POST", path, params).build());
    }

    CompletableFuture<Reply> getAsync(String path, Map<String, String> params) {
        return sendAsync(signed("GET", path, params).build());
    }

    CompletableFuture<Reply> postAsync(String path, Map<String, String> params) {
        return sendAsync(signed("POST", path, params).build());
    }

    Reply ping() {
        return send(HttpRequest.newBuilder(uri("/auth/v2/ping", "")).GET().build());
    }

    HttpClient http() {
        return http;
    }
}
