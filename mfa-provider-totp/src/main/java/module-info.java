/**
 * The {@code totp} MFA provider: time-based one-time passwords (RFC 6238) from authenticator
 * apps, with each principal's secret made at enrollment.
 *
 * <p>What it requires, and why: mfa-api (the SPI it implements, transitive because
 * {@link dev.mfa4j.totp.TotpProvider}'s methods speak its types); ZXing's core
 * ({@code com.google.zxing}, an automatic module with no dependencies of its own) to lay out the
 * QR code. The PNG is written with {@code java.util.zip} from {@code java.base}, so the module
 * needs no {@code java.desktop} (AWT, ImageIO) and fits a small jlink image.
 */
module dev.mfa4j.totp {
    requires transitive dev.mfa4j.api;
    requires com.google.zxing;

    exports dev.mfa4j.totp;

    provides dev.mfa4j.api.spi.MfaProvider with dev.mfa4j.totp.TotpProvider;
}
