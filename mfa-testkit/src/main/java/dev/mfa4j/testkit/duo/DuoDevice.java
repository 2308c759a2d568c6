package dev.mfa4j.testkit.duo;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A device enrolled for a {@link DuoUser}. Immutable and thread-safe.
 *
 * @param id           Duo's device id, e.g. {@code DPFZRS9FB0D46QFTM891}; not blank
 * @param type         phone or token; not null
 * @param number       the phone number as enrolled (preauth shows it masked, keeping the last
 *                     four digits), or {@code ""} for a token; not null
 * @param name         the device's name, {@code ""} for none; not null
 * @param capabilities what the device can do; not null, copied
 * @since 0.1.0
 */
public record DuoDevice(String id, DeviceType type, String number, String name,
                        Set<DeviceCapability> capabilities) {

    /**
     * @param id Duo's device id, e.g. {@code DPFZRS9FB0D46QFTM891}; not blank
     * @param type phone or token; not null
     * @param number the phone number as enrolled (preauth shows it masked, keeping the last
     *                         four digits), or {@code ""} for a token; not null
     * @param name the device's name, {@code ""} for none; not null
     * @param capabilities what the device can do; not null, copied
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the id is blank
     */
    public DuoDevice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(name, "name");
        if (id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank");
        }
        EnumSet<DeviceCapability> copy = EnumSet.noneOf(DeviceCapability.class);
        copy.addAll(capabilities);
        // An EnumSet keeps Duo's order (auto, push, sms, phone, mobile_otp) in what preauth shows.
        capabilities = Collections.unmodifiableSet(copy);
    }

    /**
     * {@return a smartphone with Duo Mobile: auto, push, SMS, phone call and Duo Mobile passcodes}
     *
     * @param id the device id, such as {@code DPFZRS9FB0D46QFTM891}
     * @param number the phone number, such as {@code +1 555 0100}
     */
    public static DuoDevice smartphone(String id, String number) {
        return new DuoDevice(id, DeviceType.PHONE, number, "",
                EnumSet.of(DeviceCapability.AUTO, DeviceCapability.PUSH, DeviceCapability.SMS,
                        DeviceCapability.PHONE, DeviceCapability.MOBILE_OTP));
    }

    /**
     * {@return a phone without Duo Mobile: auto, SMS and phone call only, so push is refused}
     *
     * @param id the device id, such as {@code DPFZRS9FB0D46QFTM891}
     * @param number the phone number, such as {@code +1 555 0100}
     */
    public static DuoDevice landline(String id, String number) {
        return new DuoDevice(id, DeviceType.PHONE, number, "",
                EnumSet.of(DeviceCapability.AUTO, DeviceCapability.SMS, DeviceCapability.PHONE));
    }

    /**
     * {@return a hardware token: passcodes only}
     *
     * @param id the device id, such as {@code DPFZRS9FB0D46QFTM891}
     */
    public static DuoDevice token(String id) {
        return new DuoDevice(id, DeviceType.TOKEN, "", "", Set.of());
    }

    /**
     * {@return whether the device has {@code capability}}
     *
     * @param capability a capability
     */
    public boolean can(DeviceCapability capability) {
        return capabilities.contains(capability);
    }

    /**
     * {@return the number as Duo shows it: {@code XXX-XXX-} and the last four digits; {@code ""} if
     * none}
     */
    public String maskedNumber() {
        String digits = number.replaceAll("[^0-9]", "");
        if (digits.isEmpty()) {
            return number.isEmpty() ? "" : number;
        }
        return "XXX-XXX-" + digits.substring(Math.max(0, digits.length() - 4));
    }
}
