package io.c360.app.pipeline;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.time.Duration;
import java.util.Locale;

/** Parses the intervals users type: 500ms, 30s, 10m, 2h. */
public final class Durations {

    private Durations() {
    }

    public static Duration parse(String text, CommandSpec spec) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new NumberFormatException();
            };
        } catch (RuntimeException e) {
            throw new ParameterException(spec.commandLine(), "expected a duration like 500ms, 30s, 10m or 2h, got '" + text + "'");
        }
    }
}
