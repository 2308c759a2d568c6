package dev.mfa4j.totp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The QR code as a PNG and as terminal text: the right size, and a QR decoder reads the URI back from both. */
class QrRenderingTest {

    private static final String URI = "otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ"
            + "&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30";

    @Test
    void thePngIsAPngThatImageIoReadsAndZxingDecodes() throws Exception {
        QrCode code = QrCode.of(URI);
        byte[] png = PngImage.of(code);

        assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        BufferedImage image = QrDecoding.image(png);
        int side = (code.size() + 2 * PngImage.QUIET_ZONE) * PngImage.PIXELS_PER_MODULE;
        assertThat(image.getWidth()).isEqualTo(side);
        assertThat(image.getHeight()).isEqualTo(side);
        assertThat(QrDecoding.decode(image)).isEqualTo(URI);
        // The quiet zone is white, and the top-left finder pattern's corner black.
        assertThat(image.getRGB(0, 0) & 0xffffff).isEqualTo(0xffffff);
        int corner = PngImage.QUIET_ZONE * PngImage.PIXELS_PER_MODULE;
        assertThat(image.getRGB(corner, corner) & 0xffffff).isZero();
        assertThat(png.length).as("compressed: a few KB, not width x height").isLessThan(8_000);
    }

    @Test
    void theTerminalTextHasTheRightSizeAndDecodes() throws Exception {
        QrCode code = QrCode.of(URI);
        String text = TerminalQr.of(code);

        int modules = code.size() + 2 * TerminalQr.QUIET_ZONE;
        List<String> lines = text.lines().toList();
        assertThat(text).endsWith("\n");
        assertThat(lines).hasSize((modules + 1) / 2);
        assertThat(lines).allSatisfy(line -> assertThat(line).hasSize(modules).matches("[ \u2580\u2584\u2588]+"));
        assertThat(lines.get(0)).as("the quiet zone: two light rows").matches("\u2588+");
        assertThat(modules).as("fits an 80-column terminal").isLessThanOrEqualTo(80);
        assertThat(QrDecoding.decodeTerminalText(text)).isEqualTo(URI);
    }

    @Test
    void theSmallestVersionThatHoldsTheTextIsUsed() {
        assertThat(QrCode.of("otpauth://t").size()).as("11 bytes: version 1").isEqualTo(21);
        assertThat(QrCode.of(URI).size()).as("134 bytes: version 8; version 7 holds 122 at level M").isEqualTo(49);
        assertThat(QrCode.of(URI).toString()).isEqualTo("QrCode[49x49]");
    }
}
