package dev.mfa4j.testkit.duo;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the simulated user's phone shows when a push (or a call) arrives: the test's view of the
 * device. Take them with {@link DuoSimulator#takePush(java.time.Duration)} and answer with
 * {@link DuoSimulator#approve(String)}, {@link DuoSimulator#deny(String)} and friends.
 * Immutable and thread-safe.
 *
 * @param txid             the transaction id, as {@code /auth} async and {@code auth_status} name it
 * @param username         the user's name
 * @param userId           the user's Duo id
 * @param deviceId         the device the push or call went to
 * @param factor           {@code "push"} or {@code "phone"}
 * @param type             the {@code type} label the client asked Duo Mobile to show, if any
 * @param displayUsername  the {@code display_username} the client sent, if any
 * @param pushinfo         the decoded {@code pushinfo} pairs the client sent; empty if none
 * @param verificationCode for a Verified Push, the code the login screen must show and the user
 *                         must type; empty otherwise
 * @since 0.1.0
 */
public record PushNotification(String txid, String username, String userId, String deviceId,
                               String factor, Optional<String> type, Optional<String> displayUsername,
                               Map<String, String> pushinfo, Optional<String> verificationCode) {

    /**
     * Copies the map;
     *
     * @param txid the transaction id, as {@code /auth} async and {@code auth_status} name it
     * @param username the user's name
     * @param userId the user's Duo id
     * @param deviceId the device the push or call went to
     * @param factor {@code "push"} or {@code "phone"}
     * @param type the {@code type} label the client asked Duo Mobile to show, if any
     * @param displayUsername the {@code display_username} the client sent, if any
     * @param pushinfo the decoded {@code pushinfo} pairs the client sent; empty if none
     * @param verificationCode for a Verified Push, the code the login screen must show and the user
     *                             must type; empty otherwise
     * @throws NullPointerException if an argument is null
     */
    public PushNotification {
        Objects.requireNonNull(txid, "txid");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(factor, "factor");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(displayUsername, "displayUsername");
        pushinfo = Map.copyOf(pushinfo);
        Objects.requireNonNull(verificationCode, "verificationCode");
    }
}
