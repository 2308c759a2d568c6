package dev.mfa4j.testkit.duo;

import dev.mfa4j.testkit.duo.internal.Ids;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A user the simulator knows, as registered. Immutable and thread-safe; the simulator keeps the
 * changing part (which passcodes are still unused) itself.
 *
 * @param username     the name clients send as {@code username}; not blank
 * @param userId       Duo's permanent id, sent as {@code user_id}, e.g. {@code DUYHV6TJBC3O4RITS1WC}
 * @param status       the account state; not null
 * @param devices      enrolled devices in preauth order; not null, copied
 * @param passcodes    passcodes that each allow one login (bypass codes, token or SMS codes);
 *                     not null, copied
 * @param verifiedPush whether Duo's policy asks this user for Verified Push: a client that
 *                     declares {@code client_supports_verified_push=1} gets a {@code txid} from
 *                     preauth and the push needs the code shown on the login screen
 * @since 0.1.0
 */
public record DuoUser(String username, String userId, DuoUserStatus status, List<DuoDevice> devices,
                      Set<String> passcodes, boolean verifiedPush) {

    /**
     * @param username the name clients send as {@code username}; not blank
     * @param userId Duo's permanent id, sent as {@code user_id}, e.g. {@code DUYHV6TJBC3O4RITS1WC}
     * @param status the account state; not null
     * @param devices enrolled devices in preauth order; not null, copied
     * @param passcodes passcodes that each allow one login (bypass codes, token or SMS codes);
     *                         not null, copied
     * @param verifiedPush whether Duo's policy asks this user for Verified Push: a client that
     *                         declares {@code client_supports_verified_push=1} gets a {@code txid} from
     *                         preauth and the push needs the code shown on the login screen
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the username or user id is blank, or two devices
     *                                  share an id
     */
    public DuoUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(status, "status");
        if (username.isBlank() || userId.isBlank()) {
            throw new IllegalArgumentException("username and userId must not be blank");
        }
        devices = List.copyOf(devices);
        passcodes = Set.copyOf(passcodes);
        if (devices.stream().map(DuoDevice::id).distinct().count() != devices.size()) {
            throw new IllegalArgumentException("device ids must be unique: " + devices);
        }
    }

    /**
     * {@return an active user with one smartphone (push, SMS, phone, Duo Mobile passcodes)}
     *
     * @param username the user's Duo username
     */
    public static DuoUser withSmartphone(String username) {
        return builder(username).smartphone().build();
    }

    /**
     * Starts a user named {@code username}: active, no devices, no passcodes.
     *
     * @param username the user's Duo username
     * @return a new builder
     */
    public static Builder builder(String username) {
        return new Builder(username);
    }

    /**
     * {@return the user's device with this id, if enrolled}
     *
     * @param deviceId a device id
     */
    public Optional<DuoDevice> device(String deviceId) {
        return devices.stream().filter(d -> d.id().equals(deviceId)).findFirst();
    }

    /** Passcodes are secrets: counted, not shown. */
    @Override
    public String toString() {
        return "DuoUser[username=" + username + ", userId=" + userId + ", status=" + status
                + ", devices=" + devices + ", passcodes=" + passcodes.size() + ", verifiedPush="
                + verifiedPush + "]";
    }

    /**
     * Builds a {@link DuoUser}. Not thread-safe; use one builder per thread. Ids not given are
     * derived from the username, so they are the same in every run.
     */
    public static final class Builder {
        private final String username;
        private String userId;
        private DuoUserStatus status = DuoUserStatus.ACTIVE;
        private final List<DuoDevice> devices = new ArrayList<>();
        private final Set<String> passcodes = new LinkedHashSet<>();
        private boolean verifiedPush;

        private Builder(String username) {
            this.username = Objects.requireNonNull(username, "username");
        }

        /**
         * Duo's user id; default: {@code DU} and 18 characters derived from the username.
         *
         * @param userId the Duo user id, such as {@code DU3RP9I3W7Y6LXNQ2MDN}
         * @return this builder
         */
        public Builder userId(String userId) {
            this.userId = Objects.requireNonNull(userId, "userId");
            return this;
        }

        /**
         * The account state; default {@link DuoUserStatus#ACTIVE}.
         *
         * @param status the user's status at Duo
         * @return this builder
         */
        public Builder status(DuoUserStatus status) {
            this.status = Objects.requireNonNull(status, "status");
            return this;
        }

        /**
         * Adds a device.
         *
         * @param device the device
         * @return this builder
         */
        public Builder device(DuoDevice device) {
            devices.add(Objects.requireNonNull(device, "device"));
            return this;
        }

        /**
         * Adds a smartphone with Duo Mobile, number {@code +1 555-010x}, derived id.
         *
         * @return this builder
         */
        public Builder smartphone() {
            return device(DuoDevice.smartphone(nextDeviceId(), "+1 555-010" + devices.size()));
        }

        /**
         * Adds a phone without Duo Mobile (no push), derived id.
         *
         * @return this builder
         */
        public Builder landline() {
            return device(DuoDevice.landline(nextDeviceId(), "+1 555-020" + devices.size()));
        }

        /**
         * Adds a hardware token, derived id.
         *
         * @return this builder
         */
        public Builder token() {
            return device(DuoDevice.token(Ids.derived("DH", username + "#" + devices.size())));
        }

        private String nextDeviceId() {
            return Ids.derived("DP", username + "#" + devices.size());
        }

        /**
         * Adds passcodes, each good for one login.
         *
         * @param codes passcodes, each valid once
         * @return this builder
         */
        public Builder passcodes(String... codes) {
            passcodes.addAll(Arrays.asList(codes));
            return this;
        }

        /**
         * Whether policy asks this user for Verified Push; default false.
         *
         * @param verifiedPush whether the user has Verified Push
         * @return this builder
         */
        public Builder verifiedPush(boolean verifiedPush) {
            this.verifiedPush = verifiedPush;
            return this;
        }

        /**
         * The user.
         *
         * @return the user
         * @throws IllegalArgumentException as the {@link DuoUser} constructor does
         */
        public DuoUser build() {
            String id = userId != null ? userId : Ids.derived("DU", username);
            return new DuoUser(username, id, status, devices, passcodes, verifiedPush);
        }
    }
}
