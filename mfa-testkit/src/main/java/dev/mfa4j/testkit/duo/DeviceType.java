package dev.mfa4j.testkit.duo;

/**
 * The kind of a Duo device, as preauth reports it in {@code devices[].type}.
 *
 * @since 0.1.0
 */
public enum DeviceType {
    /** A phone, possibly with Duo Mobile: {@code "phone"}. */
    PHONE("phone"),
    /** A hardware token: {@code "token"}. */
    TOKEN("token");

    private final String wireName;

    DeviceType(String wireName) {
        this.wireName = wireName;
    }

    /**
     * {@return the value Duo sends}
     */
    public String wireName() {
        return wireName;
    }
}
