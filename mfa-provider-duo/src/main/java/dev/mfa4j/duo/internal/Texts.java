package dev.mfa4j.duo.internal;

/** Makes text that came from the network safe to put in a log line or an outcome message. */
final class Texts {

    /** The longest piece of a Duo message we repeat. */
    static final int MAX = 200;

    private Texts() {
    }

    /**
     * @param text text from a response, or null
     * @return it without control characters (a forged newline could fake a log line), at most
     *     {@value #MAX} characters; empty for null
     */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX));
        for (int i = 0; i < text.length() && out.length() < MAX; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? ' ' : c);
        }
        if (text.length() > MAX) {
            out.append('…');
        }
        return out.toString().strip();
    }

    /**
     * @param text a message
     * @param secret a value that must not appear in it (a passcode), or null
     * @return the message with every occurrence of {@code secret} replaced by {@code ***}
     */
    static String without(String text, String secret) {
        if (secret == null || secret.isEmpty()) {
            return text;
        }
        return text.replace(secret, "***");
    }
}
