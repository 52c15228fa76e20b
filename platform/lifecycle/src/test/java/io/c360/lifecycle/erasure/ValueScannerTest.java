package io.c360.lifecycle.erasure;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The scanner finds every line that contains a value (case-insensitively), so the lines it passes over need no parsing. */
class ValueScannerTest {

    private static boolean found(ValueScanner s, String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return s.foundIn(bytes, 0, bytes.length);
    }

    @Test
    void findsValuesAnywhereInTheLineIgnoringCaseIncludingOverlappingOnes() {
        ValueScanner s = ValueScanner.of(List.of("ana.silva@example.com", "123.456.789-09", "abcd", "bc")).orElseThrow();
        assertThat(found(s, "{\"email\": \"Ana.Silva@Example.COM\"}")).isTrue();
        assertThat(found(s, "x;123.456.789-09;y")).isTrue();
        assertThat(found(s, "xabcx")).as("a shorter value ending inside a longer one that fails").isTrue();
        assertThat(found(s, "ana.silva@example.co")).isFalse();
        assertThat(found(s, "12345678909")).isFalse();
        assertThat(found(s, "")).isFalse();
    }

    @Test
    void aNonAsciiCharacterMatchesNothingButTheTwoThatLowerCaseToAsciiLetters() {
        ValueScanner s = ValueScanner.of(List.of("xik", "ana")).orElseThrow();
        assertThat(found(s, "Ãna ÁNA")).isFalse();
        assertThat(found(s, "AN\u00c3")).isFalse();
        assertThat(found(s, "X\u0130\u212a")).as("capital dotted I and Kelvin sign lower-case to i and k").isTrue();
    }

    @Test
    void valuesACsvOrJsonWriterMayEscapeCannotBeScannedFor() {
        assertThat(ValueScanner.of(List.of("ok", "a\"b"))).isEmpty();
        assertThat(ValueScanner.of(List.of("a\\b"))).isEmpty();
        assertThat(ValueScanner.of(List.of("a/b"))).isEmpty();
        assertThat(ValueScanner.of(List.of("josé@example.com"))).isEmpty();
        assertThat(ValueScanner.of(List.of(""))).isEmpty();
        assertThat(ValueScanner.of(List.of())).isPresent();
    }

    @Test
    void agreesWithLowerCasedContainsOnRandomLines() {
        Random random = new Random(3);
        String alphabet = "aAbBcC.-@1 İ\u212aé";
        for (int round = 0; round < 2000; round++) {
            List<String> values = List.of(randomText(random, "abc.-@1k", 1 + random.nextInt(4)), randomText(random, "abc.-@1i", 1 + random.nextInt(4)));
            ValueScanner s = ValueScanner.of(values).orElseThrow();
            String line = randomText(random, alphabet, random.nextInt(30));
            String lower = line.toLowerCase(Locale.ROOT);
            boolean contains = values.stream().anyMatch(v -> lower.contains(v.toLowerCase(Locale.ROOT)));
            if (contains) {
                assertThat(found(s, line)).as("values %s in line '%s'", values, line).isTrue();
            }
        }
    }

    private static String randomText(Random random, String alphabet, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
