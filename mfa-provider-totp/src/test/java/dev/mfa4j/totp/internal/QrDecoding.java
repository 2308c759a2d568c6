package dev.mfa4j.totp.internal;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** Reads QR codes back, as a phone would: ZXing's decoder, on the PNG (through javax.imageio) or on the terminal text. */
final class QrDecoding {

    private QrDecoding() {
    }

    /**
     * @param png a PNG file's bytes
     * @return the image, as javax.imageio reads it
     * @throws IOException if it cannot
     */
    static BufferedImage image(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        if (image == null) {
            throw new IOException("javax.imageio found no image in the bytes");
        }
        return image;
    }

    /**
     * @param image an image of a QR code
     * @return the text it holds
     * @throws Exception if ZXing finds no QR code
     */
    static String decode(BufferedImage image) throws Exception {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return decode(pixels, image.getWidth(), image.getHeight());
    }

    /**
     * Decodes terminal text drawn light-on-dark: a half block's drawn half is a light module, and
     * the background (a space, or the other half) a dark one. Each character becomes 4 pixels wide
     * and 8 high (two square modules stacked), in a dark frame like the terminal around it.
     *
     * @param terminalText lines of half blocks
     * @return the text the code holds
     * @throws Exception if ZXing finds no QR code
     */
    static String decodeTerminalText(String terminalText) throws Exception {
        List<String> lines = terminalText.lines().toList();
        int columns = lines.get(0).length();
        int frame = 8;
        int width = columns * 4 + 2 * frame;
        int height = lines.size() * 8 + 2 * frame;
        int[] pixels = new int[width * height];   // 0: black, the terminal's background
        for (int row = 0; row < lines.size(); row++) {
            String line = lines.get(row);
            for (int column = 0; column < line.length(); column++) {
                char c = line.charAt(column);
                boolean upper = c == '\u2588' || c == '\u2580';
                boolean lower = c == '\u2588' || c == '\u2584';
                for (int dy = 0; dy < 8; dy++) {
                    boolean light = dy < 4 ? upper : lower;
                    for (int dx = 0; dx < 4; dx++) {
                        pixels[(frame + row * 8 + dy) * width + frame + column * 4 + dx] = light ? 0xffffff : 0;
                    }
                }
            }
        }
        return decode(pixels, width, height);
    }

    private static String decode(int[] pixels, int width, int height) throws Exception {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, height, pixels)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }
}
