package dev.mfa4j.api;

import java.net.URI;
import java.util.Objects;

/**
 * What a principal must see to enroll: for TOTP, a QR code to scan with an authenticator app. The
 * host shows it once, to that principal only, and does not keep it: it carries the secret.
 *
 * <p>More kinds may be added for other factors (the options a browser needs to register a
 * security key, a page at the provider to go to); a host that meets a kind it does not know
 * should say it cannot show it.
 *
 * @since 0.1.0
 */
public sealed interface EnrollmentPrompt {

    /**
     * A secret to load into an authenticator app, by scanning or by typing.
     *
     * @param uri the {@code otpauth://} URI the QR code holds (carries the secret)
     * @param manualEntry the secret as a user types it into an app (Base32, in groups)
     * @param png the QR code as a PNG image
     * @param terminalText the QR code drawn with block characters, for a terminal
     */
    record QrCode(URI uri, String manualEntry, byte[] png, String terminalText) implements EnrollmentPrompt {

        /**
         * @param uri the {@code otpauth://} URI the QR code holds (carries the secret)
         * @param manualEntry the secret as a user types it into an app (Base32, in groups)
         * @param png the QR code as a PNG image
         * @param terminalText the QR code drawn with block characters, for a terminal
         * @throws NullPointerException if a component is null
         */
        public QrCode {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(manualEntry, "manualEntry");
            png = Objects.requireNonNull(png, "png").clone();
            Objects.requireNonNull(terminalText, "terminalText");
        }

        /** @return a copy of the PNG bytes */
        @Override
        public byte[] png() {
            return png.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof QrCode that && uri.equals(that.uri) && manualEntry.equals(that.manualEntry)
                    && java.util.Arrays.equals(png, that.png) && terminalText.equals(that.terminalText);
        }

        @Override
        public int hashCode() {
            return uri.hashCode();
        }

        /** @return {@code QrCode[***]}: the URI and the text carry the secret */
        @Override
        public String toString() {
            return "QrCode[***]";
        }
    }
}
