package io.c360.identity;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Comparison levels of one identity field for a pair of normalized values: higher level = closer
 * agreement, 0 = disagreement, {@link #MISSING} when either side is empty (no evidence either way).
 */
public final class FieldComparison {

    public static final int MISSING = -1;
    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

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

    private FieldComparison() {
    }

    public static int level(Kind kind, String a, String b) {
        if (a == null || b == null) {
            return MISSING;
        }
        boolean same = a.equals(b);
        return switch (kind) {
            case NAME -> same ? 3 : bands(jaroWinkler(a, b), 0.92, 0.80);
            case DATE -> same ? 3 : dateLevel(a, b);
            case EMAIL -> same ? 2 : localPart(a).equals(localPart(b)) ? 1 : 0;
            case PHONE -> same ? 2 : lastDigits(a, 8).equals(lastDigits(b, 8)) ? 1 : 0;
            case TEXT -> same ? 2 : jaroWinkler(a, b) >= 0.90 ? 1 : 0;
            case EXACT -> same ? 1 : 0;
        };
    }

    public static double jaroWinkler(String a, String b) {
        return JARO_WINKLER.apply(a, b);
    }

    private static int bands(double similarity, double high, double low) {
        return similarity >= high ? 2 : similarity >= low ? 1 : 0;
    }

    static String localPart(String email) {
        int at = email.indexOf('@');
        return at < 0 ? email : email.substring(0, at);
    }

    private static int dateLevel(String a, String b) {
        if (a.length() != 10 || b.length() != 10) {
            return 0;
        }
        boolean sameYear = a.regionMatches(0, b, 0, 4);
        if (sameYear && a.regionMatches(5, b, 8, 2) && a.regionMatches(8, b, 5, 2)) {
            return 2;
        }
        try {
            long days = Math.abs(LocalDate.parse(a).toEpochDay() - LocalDate.parse(b).toEpochDay());
            return days <= 1 ? 1 : 0;
        } catch (DateTimeParseException e) {
            return 0;
        }
    }

    private static String lastDigits(String s, int n) {
        return s.length() <= n ? s : s.substring(s.length() - n);
    }
}
