package io.c360.lifecycle.erasure;

import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Key conditions compare integer columns with integer literals, keeping only keys a CAST to string could equal. */
class KeyConditionTest {

    private static LinkedHashSet<String> keys(String... k) {
        return new LinkedHashSet<>(List.of(k));
    }

    @Test
    void integerColumnsKeepOnlyCanonicalIntegersThatFitTheType() {
        assertThat(KeyCondition.sql("account_id", DataTypes.LongType, keys("42", "-7", "0", "007", "+5", "-0", "x1", "99999999999")))
                .isEqualTo("`account_id` IN (42, -7, 0, 99999999999)");
        assertThat(KeyCondition.sql("disp_id", DataTypes.IntegerType, keys("12", "99999999999", "99999999999999999999")))
                .isEqualTo("`disp_id` IN (12)");
        assertThat(KeyCondition.sql("disp_id", DataTypes.IntegerType, keys("C42"))).as("no key can be in the column").isEmpty();
    }

    @Test
    void stringColumnsCompareAsTheyAreAndOtherTypesAsText() {
        assertThat(KeyCondition.sql("customer_id", DataTypes.StringType, keys("C1", "it's"))).isEqualTo("`customer_id` IN ('C1', 'it\\'s')");
        assertThat(KeyCondition.sql("amount", DataTypes.DoubleType, keys("1"))).isEqualTo("CAST(`amount` AS STRING) IN ('1')");
    }
}
