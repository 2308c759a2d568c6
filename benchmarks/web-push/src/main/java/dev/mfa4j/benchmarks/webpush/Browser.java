package dev.mfa4j.benchmarks.webpush;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One simulated browser: its session cookie and CSRF token, over a shared HttpClient (so the load
 * costs no thread per browser on the client side either). It logs in, asks for a push, follows
 * its status with the step's long-polled requests, and finishes the step, all asynchronously.
 */
final class Browser {

    private static final Pattern LOGIN_CSRF = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");
    private static final Pattern STEP_CSRF = Pattern.compile("data-csrf-token=\"([^\"]+)\"");
    private static final Pattern STATE = Pattern.compile("\"state\":\"([a-z_]+)\"");
    private static final Pattern VERSION = Pattern.compile("\"version\":(-?\\d+)");

    /** What the load program watches. */
    interface Watcher {
        void statusSent();

        void statusAnswered(String state);

        /** @param phase a step this browser has just completed: signed-in, step-page, push-started */
        void passed(String phase);
    }

    private final HttpClient http;
    private final String base;
    private final String user;
    private final Watcher watcher;
    private volatile String cookie = "";
    private volatile String csrf;

    Browser(HttpClient http, String base, String user, Watcher watcher) {
        this.http = http;
        this.base = base;
        this.user = user;
        this.watcher = watcher;
    }

    /**
     * A wrong password, once: Spring Security prepares its timing-attack protection (one BCrypt
     * hash) at the first login, and every login arriving before that is done computes it too.
     *
     * @return when the refusal arrived
     */
    CompletableFuture<Integer> wrongPassword() {
        return send(get("/login")).thenCompose(page -> send(form("/login", "username=" + user + "&password=wrong&_csrf="
                + find(LOGIN_CSRF, page.body())))).thenApply(HttpResponse::statusCode);
    }

    /** @return how the login ended: {@code home} when the step was passed and the home page shown */
    CompletableFuture<String> logIn() {
        return send(get("/login"))
                .thenCompose(page -> {
                    csrf = find(LOGIN_CSRF, page.body());
                    return send(form("/login", "username=" + user + "&password=" + WebPushApp.PASSWORD + "&_csrf=" + csrf));
                })
                .thenCompose(loggedIn -> {
                    watcher.passed("signed-in");
                    return send(get("/mfa"));
                })
                .thenCompose(step -> {
                    watcher.passed("step-page");
                    csrf = find(STEP_CSRF, step.body());
                    return send(json("POST", "/mfa/push"));
                })
                .thenCompose(started -> {
                    watcher.passed("push-started");
                    return follow(started.body());
                })
                .thenCompose(state -> {
                    if (!state.equals("approved")) {
                        return CompletableFuture.completedFuture(state);
                    }
                    return send(json("POST", "/mfa/push/finish"))
                            .thenCompose(finished -> send(get("/")))
                            .thenApply(home -> home.statusCode() == 200 && home.body().equals("home") ? "home" : "not home: " + home.statusCode());
                });
    }

    private CompletableFuture<String> follow(String status) {
        String state = find(STATE, status);
        if (!state.equals("waiting")) {
            return CompletableFuture.completedFuture(state);
        }
        watcher.statusSent();
        return send(json("GET", "/mfa/push/status?after=" + find(VERSION, status))).thenCompose(answer -> {
            watcher.statusAnswered(find(STATE, answer.body()));
            return follow(answer.body());
        });
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (!cookie.isEmpty()) {
            request.header("Cookie", cookie);
        }
        return request;
    }

    private HttpRequest get(String path) {
        return request(path).GET().build();
    }

    private HttpRequest form(String path, String body) {
        return request(path).header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private HttpRequest json(String method, String path) {
        HttpRequest.Builder request = request(path).header("Accept", "application/json").header("X-CSRF-TOKEN", csrf);
        return method.equals("GET") ? request.GET().build() : request.POST(HttpRequest.BodyPublishers.noBody()).build();
    }

    private CompletableFuture<HttpResponse<String>> send(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            response.headers().allValues("Set-Cookie").stream().filter(value -> value.startsWith("JSESSIONID="))
                    .forEach(value -> cookie = value.substring(0, value.indexOf(';') < 0 ? value.length() : value.indexOf(';')));
            return response;
        });
    }

    private static String find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("unexpected page: " + pattern.pattern() + " not found in " + text.substring(0, Math.min(200, text.length())));
        }
        return matcher.group(1);
    }
}
