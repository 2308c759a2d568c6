package dev.mfa4j.examples.totp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Base32Test {

    /** RFC 4648 section 10's test vectors, padded as given and with the padding dropped. */
    @ParameterizedTest(name = "\"{0}\" = {1}")
    @CsvSource(value = {
            "'', ''",
            "f, MY======",
            "fo, MZXQ====",
            "foo, MZXW6===",
            "foob, MZXW6YQ=",
            "fooba, MZXW6YTB",
            "foobar, MZXW6YTBOI======"})
    void decodesTheRfc4648Vectors(String plain, String encoded) {
        byte[] expected = plain.getBytes(StandardCharsets.US_ASCII);

        assertThat(Base32.decode(encoded.toCharArray())).isEqualTo(expected);
        assertThat(Base32.decode(encoded.replace("=", "").toCharArray())).isEqualTo(expected);
        assertThat(Base32.decode(encoded.toLowerCase(java.util.Locale.ROOT).toCharArray())).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"MZXW6YT1", "MZXW 6YTB", "MZXW6YTB!", "M", "MZX", "MZXW6Y", "MZXW6===MZXW6===", "MZ=XW6YTB", "MZXW6YTBOI=",
            "========"})
    void refusesWhatNoEncoderProduces(String text) {
        assertThatThrownBy(() -> Base32.decode(text.toCharArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain(text);
    }
}
