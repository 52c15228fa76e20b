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

    /** Registers the functions once per session (registering them again makes Spark warn). */
    public static void register(SparkSession spark) {
        if (spark.catalog().functionExists("cpf_valid")) {
            return;
        }
        spark.udf().register("cpf_valid", (UDF1<String, Boolean>) ConformFunctions::cpfValid, DataTypes.BooleanType);
        spark.udf().register("phone_e164", (UDF1<String, String>) ConformFunctions::phoneE164, DataTypes.StringType);
    }

    /** True when the text is a valid CPF ({@link Cpf#valid}) once trimmed and without dots and dashes. */
    public static Boolean cpfValid(String text) {
        return text == null ? null : Cpf.valid(text.trim().replaceAll("[.\\-]", ""));
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
