package io.c360.lifecycle.erasure;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Decides, line by line through one raw text file, which lines are the person's records. A line
 * that contains none of the person's values (keys and strong identifiers, found by a
 * {@link ValueScanner} on the raw bytes) is not decoded or parsed; the others go to the
 * {@link RecordMatcher}. A delimited file's first line is its header. One instance per pass over a file.
 */
final class PersonLines {

    private final RecordMatcher matcher;
    private final Optional<ValueScanner> scanner;
    private boolean headerNext;

    PersonLines(RecordMatcher matcher, Optional<ValueScanner> scanner, boolean header) {
        this.matcher = matcher;
        this.scanner = scanner;
        this.headerNext = header;
    }

    /** Whether bytes {@code from} to {@code to} (one line, its line ending included) are one of the person's records. */
    boolean isPersons(byte[] bytes, int from, int to) {
        if (headerNext) {
            headerNext = false;
            matcher.header(text(bytes, from, to));
            return false;
        }
        if (scanner.isPresent() && !scanner.get().foundIn(bytes, from, to)) {
            return false;
        }
        String content = text(bytes, from, to);
        return !content.isBlank() && matcher.matches(content);
    }

    private static String text(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.UTF_8).stripTrailing();
    }
}
