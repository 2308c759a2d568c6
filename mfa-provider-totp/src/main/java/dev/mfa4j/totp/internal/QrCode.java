package dev.mfa4j.totp.internal;

import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;

/**
 * A QR code's modules, laid out by ZXing's encoder (error correction level M, 15 % of the code
 * recoverable, or L, 7 %, for a text too long for M; the smallest version that holds the text),
 * without the quiet zone. {@link PngImage} and {@link TerminalQr} draw it.
 *
 * <p>Immutable.
 */
final class QrCode {

    /** The most bytes a QR code holds: version 40 at level L, in byte mode. */
    static final int MAX_BYTES = 2953;

    private final boolean[][] dark;

    private QrCode(boolean[][] dark) {
        this.dark = dark;
    }

    /**
     * @param text ASCII text, such as an {@code otpauth://} URI
     * @return its QR code
     * @throws IllegalArgumentException if the text does not fit in a QR code ({@value #MAX_BYTES}
     *     bytes at level L, the most any version holds); the message quotes nothing
     */
    static QrCode of(String text) {
        ByteMatrix matrix;
        try {
            matrix = Encoder.encode(text, ErrorCorrectionLevel.M).getMatrix();
        } catch (WriterException tooLongForM) {
            try {
                matrix = Encoder.encode(text, ErrorCorrectionLevel.L).getMatrix();
            } catch (WriterException tooLong) {
                throw new IllegalArgumentException("a QR code holds at most " + MAX_BYTES + " bytes; this text has " + text.length());
            }
        }
        boolean[][] dark = new boolean[matrix.getHeight()][matrix.getWidth()];
        for (int y = 0; y < dark.length; y++) {
            for (int x = 0; x < dark[y].length; x++) {
                dark[y][x] = matrix.get(x, y) == 1;
            }
        }
        return new QrCode(dark);
    }

    /** @return the number of modules on a side (21 for version 1, 4 more per version) */
    int size() {
        return dark.length;
    }

    /**
     * @param x the column, 0 at the left; may lie outside the code (the quiet zone)
     * @param y the row, 0 at the top; may lie outside the code
     * @return whether that module is dark; outside the code, false (the quiet zone is light)
     */
    boolean isDark(int x, int y) {
        return y >= 0 && y < dark.length && x >= 0 && x < dark.length && dark[y][x];
    }

    /** @return the size only: the modules encode the secret */
    @Override
    public String toString() {
        return "QrCode[" + size() + "x" + size() + "]";
    }
}
