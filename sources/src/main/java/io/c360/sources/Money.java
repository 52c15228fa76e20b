package io.c360.sources;

/** Amounts are kept as cents (long) and written as plain decimals with two places. */
final class Money {

    private Money() {
    }

    static StringBuilder append(StringBuilder sb, long cents) {
        if (cents < 0) {
            sb.append('-');
            cents = -cents;
        }
        long units = cents / 100;
        int rest = (int) (cents % 100);
        sb.append(units).append('.');
        if (rest < 10) {
            sb.append('0');
        }
        return sb.append(rest);
    }

    static String format(long cents) {
        return append(new StringBuilder(16), cents).toString();
    }
}
