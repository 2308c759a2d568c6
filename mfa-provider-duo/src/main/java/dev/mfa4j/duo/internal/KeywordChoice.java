package dev.mfa4j.duo.internal;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A keyword the user typed, read as a factor and which capable device to use: {@code push} or
 * {@code push1} is the first push-capable device, {@code push2} the second, and so on to 9;
 * likewise {@code phone} and {@code sms}.
 *
 * @param factor push, phone or sms
 * @param deviceNumber 1 to 9: the nth device, in Duo's order, with the factor's capability
 */
record KeywordChoice(Factor factor, int deviceNumber) {

    /** Every keyword the provider declares. */
    static final Set<String> KEYWORDS = keywords();

    private static final Pattern FORM = Pattern.compile("(push|phone|sms)([1-9]?)");

    /**
     * @param keyword a keyword, lower case
     * @return the choice, or empty if the keyword is not one of {@link #KEYWORDS}
     */
    static Optional<KeywordChoice> parse(String keyword) {
        Matcher m = FORM.matcher(keyword);
        if (!m.matches()) {
            return Optional.empty();
        }
        Factor factor = switch (m.group(1)) {
            case "push" -> Factor.PUSH;
            case "phone" -> Factor.PHONE;
            default -> Factor.SMS;
        };
        return Optional.of(new KeywordChoice(factor, m.group(2).isEmpty() ? 1 : Integer.parseInt(m.group(2))));
    }

    private static Set<String> keywords() {
        Set<String> all = new LinkedHashSet<>();
        for (String base : new String[] {"push", "phone", "sms"}) {
            all.add(base);
            for (int i = 1; i <= 9; i++) {
                all.add(base + i);
            }
        }
        return Set.copyOf(all);
    }
}
