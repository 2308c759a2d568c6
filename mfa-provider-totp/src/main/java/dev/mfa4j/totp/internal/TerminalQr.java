package dev.mfa4j.totp.internal;

/**
 * Draws a {@link QrCode} as text for a terminal, two modules to a character with the Unicode
 * half blocks ({@code U+2580} upper half, {@code U+2584} lower half, {@code U+2588} full block),
 * so that the code is about square on screen and fits an 80-column terminal.
 *
 * <p>It assumes light text on a dark background, the usual terminal: a <em>light</em> module is
 * drawn (as the text colour) and a dark one left as background. A quiet zone of
 * {@value #QUIET_ZONE} light modules surrounds the code; the standard asks 4, and scanner apps read
 * a code on a screen with 2. On a terminal with dark text on a light background the code comes
 * out inverted; show the PNG or the URI there instead.
 *
 * <p>The text is {@code size + 2 * QUIET_ZONE} characters wide and half as many lines high
 * (rounded up), each line ending with {@code \n}.
 */
final class TerminalQr {

    /** Light modules drawn around the code. */
    static final int QUIET_ZONE = 2;

    private static final char BOTH = '\u2588';
    private static final char UPPER = '\u2580';
    private static final char LOWER = '\u2584';
    private static final char NEITHER = ' ';

    private TerminalQr() {
    }

    /**
     * @param code the QR code
     * @return the text
     */
    static String of(QrCode code) {
        int modules = code.size() + 2 * QUIET_ZONE;
        StringBuilder text = new StringBuilder((modules + 1) * (modules + 1) / 2);
        for (int y = 0; y < modules; y += 2) {
            for (int x = 0; x < modules; x++) {
                boolean upper = isLight(code, x, y, modules);
                boolean lower = isLight(code, x, y + 1, modules);
                text.append(upper ? (lower ? BOTH : UPPER) : (lower ? LOWER : NEITHER));
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** Light inside the drawing (quiet zone included); below its last row, background. */
    private static boolean isLight(QrCode code, int x, int y, int modules) {
        return y < modules && !code.isDark(x - QUIET_ZONE, y - QUIET_ZONE);
    }
}
