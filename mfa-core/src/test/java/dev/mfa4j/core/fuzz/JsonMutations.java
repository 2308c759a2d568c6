package dev.mfa4j.core.fuzz;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Inputs for the JSON parsers: valid documents broken at random places (a character replaced,
 * inserted or cut, a token repeated, a number made huge, nesting made deep), and arbitrary text.
 * Breaking valid documents reaches far deeper into a parser than random text does.
 */
public final class JsonMutations {

    private static final String JSON_CHARACTERS = "{}[]\":,.-+eE0123456789 \t\n\r\\/tfnrsalu\u0000\u00e9\ud83d\ude00";
    private static final List<String> TOKENS = List.of("{", "}", "[", "]", "\"", ":", ",", "null", "true", "1e999",
            "99999999999999999999999", "-0", "\"\\u0000\"", "\"\\ud800\"", "[[[[[[[[[[", "}}}}", "\"Options\"", "\"Revision\"");

    private JsonMutations() {
    }

    /**
     * @param seeds valid documents to break
     * @return broken documents, and some arbitrary text
     */
    public static Arbitrary<String> of(List<String> seeds) {
        Arbitrary<String> seed = Arbitraries.of(seeds);
        Arbitrary<String> mutated = Combinators.combine(seed, Arbitraries.integers().between(1, 6), Arbitraries.longs())
                .as(JsonMutations::mutate);
        Arbitrary<String> text = Arbitraries.strings().withChars(JSON_CHARACTERS.toCharArray()).ofMaxLength(400);
        Arbitrary<String> deep = Arbitraries.integers().between(1, 5000).map(depth -> "[".repeat(depth) + "]".repeat(depth));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, mutated),
                net.jqwik.api.Tuple.of(2, text),
                net.jqwik.api.Tuple.of(1, deep));
    }

    private static String mutate(String document, int edits, long random) {
        StringBuilder text = new StringBuilder(document);
        java.util.Random rnd = new java.util.Random(random);
        for (int i = 0; i < edits; i++) {
            int at = text.length() == 0 ? 0 : rnd.nextInt(text.length());
            switch (rnd.nextInt(5)) {
                case 0 -> {
                    if (text.length() > 0) {
                        text.setCharAt(at, JSON_CHARACTERS.charAt(rnd.nextInt(JSON_CHARACTERS.length())));
                    }
                }
                case 1 -> text.insert(at, TOKENS.get(rnd.nextInt(TOKENS.size())));
                case 2 -> text.delete(at, Math.min(text.length(), at + 1 + rnd.nextInt(8)));
                case 3 -> text.setLength(at);
                default -> text.insert(at, text.substring(at, Math.min(text.length(), at + 1 + rnd.nextInt(20))));
            }
        }
        return text.toString();
    }
}
