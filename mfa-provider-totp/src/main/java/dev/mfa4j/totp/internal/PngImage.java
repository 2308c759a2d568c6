package dev.mfa4j.totp.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

/**
 * Draws a {@link QrCode} as a PNG image (ISO/IEC 15948, the W3C PNG specification): 1-bit
 * grayscale, black modules on white, {@value #QUIET_ZONE} light modules of quiet zone around it as
 * ISO/IEC 18004 asks, {@value #PIXELS_PER_MODULE} pixels a module.
 *
 * <p>Written here with {@code java.util.zip} (the image data is zlib-compressed rows, each chunk
 * has a CRC-32) rather than with {@code javax.imageio}, so the module does not need
 * {@code java.desktop}. The tests read the images back with {@code javax.imageio} and decode them
 * with ZXing.
 */
final class PngImage {

    /** Light modules around the code, as the QR code standard asks. */
    static final int QUIET_ZONE = 4;
    /** Pixels per module side: sharp when a browser shows the image at its size or twice it. */
    static final int PIXELS_PER_MODULE = 8;

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private PngImage() {
    }

    /**
     * @param code the QR code
     * @return the PNG file's bytes
     */
    static byte[] of(QrCode code) {
        int modules = code.size() + 2 * QUIET_ZONE;
        int pixels = modules * PIXELS_PER_MODULE;
        ByteArrayOutputStream file = new ByteArrayOutputStream(1024);
        try {
            file.write(SIGNATURE);
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            DataOutputStream fields = new DataOutputStream(header);
            fields.writeInt(pixels);       // width
            fields.writeInt(pixels);       // height
            fields.writeByte(1);           // bit depth
            fields.writeByte(0);           // colour type: grayscale
            fields.writeByte(0);           // compression: deflate
            fields.writeByte(0);           // filter method 0
            fields.writeByte(0);           // no interlace
            chunk(file, "IHDR", header.toByteArray());
            chunk(file, "IDAT", imageData(code, modules, pixels));
            chunk(file, "IEND", new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory streams do not fail
        }
        return file.toByteArray();
    }

    /** Each row: filter type 0 (none), then the pixels, 8 to a byte, most significant first, 1 = white. */
    private static byte[] imageData(QrCode code, int modules, int pixels) throws IOException {
        int rowBytes = (pixels + 7) / 8;
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (DeflaterOutputStream zlib = new DeflaterOutputStream(compressed)) {
            byte[] row = new byte[1 + rowBytes];
            for (int moduleY = 0; moduleY < modules; moduleY++) {
                java.util.Arrays.fill(row, (byte) 0);
                for (int px = 0; px < pixels; px++) {
                    boolean dark = code.isDark(px / PIXELS_PER_MODULE - QUIET_ZONE, moduleY - QUIET_ZONE);
                    if (!dark) {
                        row[1 + px / 8] |= (byte) (0x80 >>> (px % 8));
                    }
                }
                for (int repeat = 0; repeat < PIXELS_PER_MODULE; repeat++) {
                    zlib.write(row);
                }
            }
        }
        return compressed.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream file, String type, byte[] data) throws IOException {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        DataOutputStream out = new DataOutputStream(file);
        out.writeInt(data.length);
        out.write(typeBytes);
        out.write(data);
        out.writeInt((int) crc.getValue());
    }
}
