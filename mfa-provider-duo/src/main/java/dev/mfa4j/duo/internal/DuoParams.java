package dev.mfa4j.duo.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The parameters of one Duo request, kept sorted by key and then by value, which is the order
 * Duo's canonical form needs. Immutable.
 *
 * <p>Keys are compared by their UTF-16 order, as Duo's Java client does; for the ASCII keys of
 * the Auth API that equals the order of their encoded forms, which Duo's Python client sorts by.
 *
 * @param entries the key/value pairs, sorted
 */
record DuoParams(List<Param> entries) {

    /** One key and value; neither null. {@link #toString()} shows the key only. */
    record Param(String key, String value) {
        Param {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return key + "=***";
        }
    }

    private static final Comparator<Param> ORDER = Comparator.comparing(Param::key).thenComparing(Param::value);

    /** No parameters. */
    static final DuoParams NONE = new DuoParams(List.of());

    DuoParams {
        List<Param> sorted = new ArrayList<>(entries);
        sorted.sort(ORDER);
        entries = List.copyOf(sorted);
    }

    /** @return a builder */
    static Builder builder() {
        return new Builder();
    }

    /** @return {@code k=v&k=v...} with both sides URL-encoded, in sorted order; empty for none */
    String canonical() {
        if (entries.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (Param p : entries) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(DuoUrlEncoding.encode(p.key())).append('=').append(DuoUrlEncoding.encode(p.value()));
        }
        return out.toString();
    }

    /**
     * @param key a key
     * @return the first value for it, or null
     */
    String first(String key) {
        return entries.stream().filter(p -> p.key().equals(key)).map(Param::value).findFirst().orElse(null);
    }

    /** @return the keys only: values may be passcodes */
    @Override
    public String toString() {
        return "DuoParams" + entries.stream().map(Param::key).toList();
    }

    /** @return whether there are none */
    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Collects parameters; not thread safe. */
    static final class Builder {
        private final List<Param> entries = new ArrayList<>();

        private Builder() {
        }

        Builder add(String key, String value) {
            entries.add(new Param(key, value));
            return this;
        }

        DuoParams build() {
            return new DuoParams(entries);
        }
    }
}
