package io.c360.lake;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

/**
 * SQL functions for conforming values where plain SQL is not enough:
 * {@code cpf_valid(text)} (Brazilian CPF check digits) and {@code phone_e164(text)} (a phone
 * number in E.164, Brazil +55 by default, null when it cannot be one).
 */
public final class ConformFunctions {

    private ConformFunctions() {
    }

    public static void register(SparkSession spark) {
        spark.udf().register("cpf_valid", (UDF1<String, Boolean>) ConformFunctions::cpfValid, DataTypes.BooleanType);
        spark.udf().register("phone_e164", (UDF1<String, String>) ConformFunctions::phoneE164, DataTypes.StringType);
    }

    /** True when the text is 11 digits (dots and dash allowed) with correct check digits, not all equal. */
    public static Boolean cpfValid(String text) {
        if (text == null) {
            return null;
        }
        String digits = text.trim().replaceAll("[.\\-]", "");
        if (!digits.matches("\\d{11}") || digits.chars().distinct().count() == 1) {
            return false;
        }
        return checkDigit(digits, 9) == digits.charAt(9) - '0' && checkDigit(digits, 10) == digits.charAt(10) - '0';
    }

    private static int checkDigit(String digits, int length) {
        int sum = 0;
        for (int i = 0; i < length; i++) {
            sum += (digits.charAt(i) - '0') * (length + 1 - i);
        }
        int rest = (sum * 10) % 11;
        return rest == 10 ? 0 : rest;
    }

    /**
     * +CC… kept as is; 00CC… international prefix; 10/11 digits = Brazilian area code + number;
     * 0 + area code + number (trunk prefix); 55 + 10/11 digits. Anything else is not a phone number.
     */
    public static String phoneE164(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        String digits = t.replaceAll("\\D", "");
        if (t.startsWith("+")) {
            return digits.length() >= 8 && digits.length() <= 15 ? "+" + digits : null;
        }
        if (digits.startsWith("00") && digits.length() >= 10 && digits.length() <= 17) {
            return "+" + digits.substring(2);
        }
        if (digits.length() == 10 || digits.length() == 11) {
            return digits.startsWith("0") ? null : "+55" + digits;
        }
        if (digits.length() == 12 && digits.startsWith("0")) {
            return "+55" + digits.substring(1);
        }
        if ((digits.length() == 12 || digits.length() == 13) && digits.startsWith("55")) {
            return "+" + digits;
        }
        return null;
    }
}
