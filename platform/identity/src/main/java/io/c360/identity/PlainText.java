package io.c360.identity;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;

/**
 * Names and address text reduced to plain lower-case ASCII in one pass: lower-cased, accents
 * removed (á → a, ç → c), every other character but letters, spaces (and digits, for text) dropped,
 * runs of spaces collapsed, no space at either end; null when nothing is left. Spark functions did
 * the same in five passes, and its {@code translate} looks every character up in a map of strings:
 * that was most of the normalisation's time.
 */
final class PlainText {

    static final String NAME = "identity_plain_name";
    static final String TEXT = "identity_plain_text";
    private static final String ACCENTED = "áàâãäåéèêëíìîïóòôõöúùûüçñý";
    private static final String PLAIN = "aaaaaaeeeeiiiiooooouuuucny";

    private PlainText() {
    }

    /** Registers the functions once per session (registering them again makes Spark warn). */
    static void register(SparkSession spark) {
        if (!spark.catalog().functionExists(NAME)) {
            spark.udf().register(NAME, (UDF1<String, String>) s -> of(s, false), DataTypes.StringType);
            spark.udf().register(TEXT, (UDF1<String, String>) s -> of(s, true), DataTypes.StringType);
        }
    }

    static String of(String value, boolean digits) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(value.length());
        boolean space = false;
        for (int i = 0; i < value.length(); i++) {
            char c = Character.toLowerCase(value.charAt(i));
            int accented = ACCENTED.indexOf(c);
            if (accented >= 0) {
                c = PLAIN.charAt(accented);
            }
            if (c == ' ') {
                space = out.length() > 0;
            } else if ((c >= 'a' && c <= 'z') || (digits && c >= '0' && c <= '9')) {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.length() == 0 ? null : out.toString();
    }
}
