package io.c360.identity;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Comparison levels of one identity field for a pair of normalized values: higher level = closer
 * agreement, 0 = disagreement, {@link #MISSING} when either side is empty (no evidence either way).
 * Values are {@link #prepare prepared} once per profile (characters, day number, email local part,
 * phone ending), so that comparing millions of pairs allocates and parses nothing.
 */
public final class FieldComparison {

    public static final int MISSING = -1;
    private static final int NO_DAY = Integer.MIN_VALUE;

    public enum Kind {
        NAME("differs", "jaro-winkler>=0.80", "jaro-winkler>=0.92", "exact"),
        DATE("differs", "within a day", "day-month swapped", "exact"),
        EMAIL("differs", "same local part", "exact"),
        PHONE("differs", "same last 8 digits", "exact"),
        TEXT("differs", "jaro-winkler>=0.90", "exact"),
        EXACT("differs", "exact");

        private final String[] levelNames;

        Kind(String... levelNames) {
            this.levelNames = levelNames;
        }

        public int levels() {
            return levelNames.length;
        }

        public String levelName(int level) {
            return level == MISSING ? "missing" : levelNames[level];
        }
    }

    /**
     * A non-null normalized value ready for comparisons: {@code chars} for Jaro–Winkler, {@code day}
     * (epoch day of a date), {@code part} (email local part, last 8 digits of a phone).
     */
    public record Value(String text, char[] chars, int day, String part) implements Serializable {
    }

    private FieldComparison() {
    }

    /** @return null for a null value */
    public static Value prepare(Kind kind, String value) {
        if (value == null) {
            return null;
        }
        return switch (kind) {
            case NAME, TEXT -> new Value(value, value.toCharArray(), NO_DAY, null);
            case DATE -> new Value(value, null, epochDay(value), null);
            case EMAIL -> new Value(value, null, NO_DAY, localPart(value));
            case PHONE -> new Value(value, null, NO_DAY, lastDigits(value, 8));
            case EXACT -> new Value(value, null, NO_DAY, null);
        };
    }

    public static int level(Kind kind, String a, String b) {
        return level(kind, prepare(kind, a), prepare(kind, b));
    }

    public static int level(Kind kind, Value a, Value b) {
        if (a == null || b == null) {
            return MISSING;
        }
        boolean same = a.text.equals(b.text);
        return switch (kind) {
            case NAME -> same ? 3 : bands(JaroWinkler.similarity(a.chars, b.chars), 0.92, 0.80);
            case DATE -> same ? 3 : dateLevel(a, b);
            case EMAIL, PHONE -> same ? 2 : a.part.equals(b.part) ? 1 : 0;
            case TEXT -> same ? 2 : JaroWinkler.similarity(a.chars, b.chars) >= 0.90 ? 1 : 0;
            case EXACT -> same ? 1 : 0;
        };
    }

    private static int bands(double similarity, double high, double low) {
        return similarity >= high ? 2 : similarity >= low ? 1 : 0;
    }

    static String localPart(String email) {
        int at = email.indexOf('@');
        return at < 0 ? email : email.substring(0, at);
    }

    private static int dateLevel(Value a, Value b) {
        String x = a.text;
        String y = b.text;
        if (x.length() != 10 || y.length() != 10) {
            return 0;
        }
        boolean sameYear = x.regionMatches(0, y, 0, 4);
        if (sameYear && x.regionMatches(5, y, 8, 2) && x.regionMatches(8, y, 5, 2)) {
            return 2;
        }
        if (a.day == NO_DAY || b.day == NO_DAY) {
            return 0;
        }
        return Math.abs((long) a.day - b.day) <= 1 ? 1 : 0;
    }

    private static int epochDay(String date) {
        if (date.length() != 10) {
            return NO_DAY;
        }
        try {
            return (int) LocalDate.parse(date).toEpochDay();
        } catch (DateTimeParseException e) {
            return NO_DAY;
        }
    }

    private static String lastDigits(String s, int n) {
        return s.length() <= n ? s : s.substring(s.length() - n);
    }
}
