package dev.mfa4j.examples.cli;

/** Makes user input safe to repeat in a one-line message. */
final class Printable {

    private static final int MAX_LENGTH = 200;

    private Printable() {
    }

    /**
     * @param value what the user typed
     * @return it quoted when it has spaces, control and non-ASCII characters escaped, long values shortened
     */
    static String of(String value) {
        StringBuilder out = new StringBuilder();
        boolean quote = value.isEmpty();
        for (int i = 0; i < value.length() && i < MAX_LENGTH; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                quote |= c == ' ' || c == '\'';
                out.append(c);
            }
        }
        if (value.length() > MAX_LENGTH) {
            out.append("...");
        }
        return quote ? "'" + out.toString().replace("'", "\\'") + "'" : out.toString();
    }
}
