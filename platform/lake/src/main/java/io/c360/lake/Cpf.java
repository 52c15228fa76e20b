package io.c360.lake;

/** Brazilian individual taxpayer number (CPF): 11 digits, the last two are check digits. */
public final class Cpf {

    private Cpf() {
    }

    /** True for 11 digits with correct check digits, excluding the all-same-digit placeholders. */
    public static boolean valid(String digits) {
        if (digits == null || digits.length() != 11 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        if (digits.chars().distinct().count() == 1) {
            return false;
        }
        return checkDigit(digits, 9) == digits.charAt(9) - '0' && checkDigit(digits, 10) == digits.charAt(10) - '0';
    }

    /** Check digit at position {@code n} (9 or 10) of the first {@code n} digits. */
    public static int checkDigit(String digits, int n) {
        int sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (digits.charAt(i) - '0') * (n + 1 - i);
        }
        int r = (sum * 10) % 11;
        return r == 10 ? 0 : r;
    }

    /** "12345678909" → "123.456.789-09". */
    public static String format(String digits) {
        return digits.substring(0, 3) + "." + digits.substring(3, 6) + "." + digits.substring(6, 9) + "-" + digits.substring(9);
    }
}
