package dev.mfa4j.api;

import java.util.List;
import java.util.Objects;

/**
 * A new set of recovery codes, to show the principal once: each lets it log in once without its
 * usual second factor (a lost phone). Only their hashes are kept; nobody can show them again.
 *
 * <p>A code is 16 characters from {@code 0-9} and {@code A-Z} without {@code I}, {@code L},
 * {@code O} and {@code U}, shown in four groups of four ({@code K7QM-2XH4-PD9W-3FNA}); it is typed
 * where a passcode is, in any case, with or without the dashes or spaces.
 *
 * @param codes the codes, as shown to the user
 * @since 0.1.0
 */
public record RecoveryCodes(List<String> codes) {

    /**
     * @param codes the codes, as shown to the user
     * @throws NullPointerException if {@code codes} or a code is null
     */
    public RecoveryCodes {
        codes = List.copyOf(Objects.requireNonNull(codes, "codes"));
    }

    /** @return {@code RecoveryCodes[10 codes]}: never a code */
    @Override
    public String toString() {
        return "RecoveryCodes[" + codes.size() + " codes]";
    }
}
