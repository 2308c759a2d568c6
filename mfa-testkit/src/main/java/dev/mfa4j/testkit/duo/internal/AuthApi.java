package dev.mfa4j.testkit.duo.internal;

import dev.mfa4j.testkit.duo.DeviceCapability;
import dev.mfa4j.testkit.duo.DeviceType;
import dev.mfa4j.testkit.duo.DuoDevice;
import dev.mfa4j.testkit.duo.DuoUser;
import dev.mfa4j.testkit.internal.TickerScheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The Auth API v2 endpoints behind the signature check: what {@code ping}, {@code check},
 * {@code preauth}, {@code auth} and {@code auth_status} answer for the registered users.
 * Answers that wait (a synchronous push, a long-poll) are futures, never blocked threads.
 * Thread-safe.
 */
public final class AuthApi {

    /** An endpoint's path and the one method it takes. */
    public enum Endpoint {
        PING("/auth/v2/ping", "GET", false),
        CHECK("/auth/v2/check", "GET", true),
        PREAUTH("/auth/v2/preauth", "POST", true),
        AUTH("/auth/v2/auth", "POST", true),
        AUTH_STATUS("/auth/v2/auth_status", "GET", true);

        private final String path;
        private final String method;
        private final boolean signed;

        Endpoint(String path, String method, boolean signed) {
            this.path = path;
            this.method = method;
            this.signed = signed;
        }

        public String path() {
            return path;
        }

        public String method() {
            return method;
        }

        public boolean signed() {
            return signed;
        }

        /** The endpoint at {@code path}, if it is one the simulator serves. */
        public static Optional<Endpoint> at(String path) {
            for (Endpoint endpoint : values()) {
                if (endpoint.path.equals(path)) {
                    return Optional.of(endpoint);
                }
            }
            return Optional.empty();
        }
    }

    private static final int MAX_PUSHINFO_BYTES = 20_000;

    private final Directory directory;
    private final Pushes pushes;
    private final Clock clock;
    private final TickerScheduler timer;
    private final Duration holdLimit;
    private final Supplier<String> portalHost;
    private final SmsOutbox sms;

    public AuthApi(Directory directory, Pushes pushes, SmsOutbox sms, Clock clock,
                   TickerScheduler timer, Duration holdLimit, Supplier<String> portalHost) {
        this.directory = directory;
        this.pushes = pushes;
        this.sms = sms;
        this.clock = clock;
        this.timer = timer;
        this.holdLimit = holdLimit;
        this.portalHost = portalHost;
    }

    /** The answer of {@code endpoint} to verified {@code params}. */
    public CompletableFuture<DuoResponse> handle(Endpoint endpoint, Map<String, List<String>> params) {
        return switch (endpoint) {
            case PING, CHECK -> now(DuoResponse.ok(Map.of("time", clock.instant().getEpochSecond())));
            case PREAUTH -> now(preauth(params));
            case AUTH -> auth(params);
            case AUTH_STATUS -> authStatus(params);
        };
    }

    private static CompletableFuture<DuoResponse> now(DuoResponse response) {
        return CompletableFuture.completedFuture(response);
    }

    /** The user named by exactly one of {@code username} and {@code user_id}. */
    private Lookup user(Map<String, List<String>> params) {
        Optional<String> username = single(params, "username");
        Optional<String> userId = single(params, "user_id");
        if (username.isPresent() == userId.isPresent()) {
            return Lookup.failed(DuoResponse.invalidParameters("exactly one of username and user_id is required"));
        }
        Optional<DuoUser> user = username.isPresent() ? directory.byUsername(username.get())
                : directory.byUserId(userId.get());
        return user.map(Lookup::found).orElseGet(() ->
                Lookup.failed(DuoResponse.invalidParameters(username.isPresent() ? "username" : "user_id")));
    }

    private record Lookup(DuoUser user, DuoResponse error) {
        static Lookup found(DuoUser user) {
            return new Lookup(user, null);
        }

        static Lookup failed(DuoResponse error) {
            return new Lookup(null, error);
        }
    }

    private DuoResponse preauth(Map<String, List<String>> params) {
        Lookup lookup = user(params);
        if (lookup.error() != null) {
            return lookup.error();
        }
        DuoUser user = lookup.user();
        Optional<String> verified = single(params, "client_supports_verified_push");
        if (verified.isPresent() && !verified.get().equals("0") && !verified.get().equals("1")) {
            return DuoResponse.invalidParameters("client_supports_verified_push");
        }
        Map<String, Object> response = new LinkedHashMap<>();
        switch (user.status()) {
            case BYPASS -> {
                response.put("result", "allow");
                response.put("status_msg", "Account is in bypass mode");
            }
            case LOCKED_OUT -> {
                response.put("result", "deny");
                response.put("status_msg", "Your account is locked out.");
            }
            case DISABLED -> {
                response.put("result", "deny");
                response.put("status_msg", "Your account is disabled.");
            }
            case NOT_ENROLLED -> {
                response.put("enroll_portal_url", "https://" + portalHost.get() + "/portal?"
                        + Ids.derived("", user.userId()).toLowerCase(java.util.Locale.ROOT));
                response.put("result", "enroll");
                response.put("status_msg", "Enroll an authentication device to proceed");
            }
            case ACTIVE -> {
                response.put("result", "auth");
                response.put("status_msg", "Account is active");
                response.put("devices", user.devices().stream().map(AuthApi::describe).toList());
                if (user.verifiedPush() && verified.orElse("0").equals("1")) {
                    response.put("txid", pushes.issueVerifiedPushTxid(user));
                }
            }
        }
        return DuoResponse.ok(response);
    }

    private static Map<String, Object> describe(DuoDevice device) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("device", device.id());
        out.put("type", device.type().wireName());
        if (device.type() == DeviceType.PHONE) {
            out.put("number", device.maskedNumber());
        }
        out.put("name", device.name());
        if (device.type() == DeviceType.PHONE) {
            out.put("display_name", device.name().isEmpty() ? device.maskedNumber() : device.name());
            out.put("capabilities", device.capabilities().stream().map(DeviceCapability::wireName).toList());
        }
        return out;
    }

    private CompletableFuture<DuoResponse> auth(Map<String, List<String>> params) {
        Lookup lookup = user(params);
        if (lookup.error() != null) {
            return now(lookup.error());
        }
        DuoUser user = lookup.user();
        Optional<String> factor = single(params, "factor");
        if (factor.isEmpty() || !List.of("auto", "push", "passcode", "sms", "phone").contains(factor.get())) {
            return now(DuoResponse.invalidParameters("factor"));
        }
        Optional<String> asyncFlag = single(params, "async");
        if (asyncFlag.isPresent() && !asyncFlag.get().equals("0") && !asyncFlag.get().equals("1")) {
            return now(DuoResponse.invalidParameters("async"));
        }
        boolean async = asyncFlag.orElse("0").equals("1");
        String chosen = factor.get();

        TxState gate = switch (user.status()) {
            case LOCKED_OUT -> TxState.lockedOut();
            case DISABLED -> new TxState("deny", "deny", "Your account is disabled.");
            case NOT_ENROLLED -> new TxState("deny", "deny", "Enroll an authentication device to proceed");
            case BYPASS -> TxState.bypass();
            case ACTIVE -> null;
        };
        if (gate != null) {
            return answer(pushes.finished(user, chosen, gate, async), async);
        }
        return switch (chosen) {
            case "passcode" -> passcode(user, params, async);
            case "sms" -> sms(user, params, async);
            default -> outOfBand(user, chosen, params, async);
        };
    }

    private CompletableFuture<DuoResponse> passcode(DuoUser user, Map<String, List<String>> params, boolean async) {
        Optional<String> passcode = single(params, "passcode");
        if (passcode.isEmpty() || passcode.get().isEmpty()) {
            return now(DuoResponse.invalidParameters("passcode"));
        }
        TxState state = directory.consumePasscode(user, passcode.get()) ? TxState.allow() : TxState.wrongPasscode();
        return answer(pushes.finished(user, "passcode", state, async), async);
    }

    private CompletableFuture<DuoResponse> sms(DuoUser user, Map<String, List<String>> params, boolean async) {
        Optional<DuoDevice> device = device(user, params, d -> d.can(DeviceCapability.SMS));
        if (device.isEmpty()) {
            return now(noCapableDevice(params));
        }
        directory.addPasscodes(user, sms.send(user, device.get()));
        return answer(pushes.finished(user, "sms", TxState.smsSent(), async), async);
    }

    private CompletableFuture<DuoResponse> outOfBand(DuoUser user, String factor, Map<String, List<String>> params,
                                                     boolean async) {
        Predicate<DuoDevice> canPush = d -> d.can(DeviceCapability.PUSH);
        Predicate<DuoDevice> canCall = d -> d.can(DeviceCapability.PHONE);
        Optional<DuoDevice> device;
        String mode;
        if (factor.equals("auto")) {
            // Duo's auto prefers a push, and calls when the device cannot take one.
            device = device(user, params, canPush.or(canCall));
            mode = device.map(d -> d.can(DeviceCapability.PUSH) ? "push" : "phone").orElse("push");
        } else {
            device = device(user, params, factor.equals("push") ? canPush : canCall);
            mode = factor;
        }
        if (device.isEmpty()) {
            return now(noCapableDevice(params));
        }
        Optional<String> pushinfoText = single(params, "pushinfo");
        Map<String, String> pushinfo = new LinkedHashMap<>();
        if (pushinfoText.isPresent()) {
            if (pushinfoText.get().getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= MAX_PUSHINFO_BYTES) {
                return now(DuoResponse.invalidParameters("pushinfo"));
            }
            try {
                DuoUrlEncoding.decodeForm(pushinfoText.get())
                        .forEach((key, values) -> pushinfo.put(key, String.join(",", values)));
            } catch (IllegalArgumentException e) {
                return now(DuoResponse.invalidParameters("pushinfo"));
            }
        }
        String verifiedTxid = null;
        Optional<String> txid = single(params, "txid");
        if (txid.isPresent()) {
            if (!mode.equals("push") || !pushes.claimVerifiedPushTxid(txid.get(), user)) {
                return now(DuoResponse.invalidParameters("txid"));
            }
            verifiedTxid = txid.get();
        }
        Transaction tx = pushes.start(user, device.get().id(), mode, verifiedTxid, pushinfo,
                single(params, "type"), single(params, "display_username"));
        return answer(tx, async);
    }

    /** The device named by {@code device} ({@code auto} or absent: the first capable one). */
    private static Optional<DuoDevice> device(DuoUser user, Map<String, List<String>> params,
                                              Predicate<DuoDevice> capable) {
        String wanted = single(params, "device").orElse("auto");
        if (wanted.equals("auto")) {
            return user.devices().stream().filter(capable).findFirst();
        }
        return user.device(wanted).filter(capable);
    }

    private static DuoResponse noCapableDevice(Map<String, List<String>> params) {
        String wanted = single(params, "device").orElse("auto");
        return DuoResponse.invalidParameters(wanted.equals("auto") ? "no capable device" : "device");
    }

    private static CompletableFuture<DuoResponse> answer(Transaction tx, boolean async) {
        if (async) {
            return now(DuoResponse.ok(Map.of("txid", tx.txid())));
        }
        return tx.awaitFinal().thenApply(state -> DuoResponse.ok(state.toResponse()));
    }

    private CompletableFuture<DuoResponse> authStatus(Map<String, List<String>> params) {
        Optional<String> txid = single(params, "txid");
        Optional<Transaction> tx = txid.flatMap(pushes::find);
        if (tx.isEmpty()) {
            return now(DuoResponse.invalidParameters("txid"));
        }
        return tx.get().poll(timer, holdLimit).thenApply(state -> DuoResponse.ok(state.toResponse()));
    }

    /** The one value of a parameter; a repeated parameter counts as its first value. */
    private static Optional<String> single(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
