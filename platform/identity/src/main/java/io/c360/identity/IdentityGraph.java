package io.c360.identity;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;

/**
 * The records of a run and their links, held in the driver for clustering and id assignment:
 * uids sorted (so the smallest index of a cluster is its smallest uid) and links as index pairs.
 */
record IdentityGraph(String[] uids, int[] a, int[] b, boolean[] deterministic, String[] rules) {

    /** @param links {@code uid_a, uid_b, rule, match_weight} (null weight: a deterministic rule) */
    static IdentityGraph collect(Dataset<Row> records, Dataset<Row> links) {
        String[] uids = records.select("uid").collectAsList().stream().map(r -> r.getString(0)).toArray(String[]::new);
        Arrays.sort(uids);
        Map<String, Integer> index = new HashMap<>(uids.length * 2);
        for (int i = 0; i < uids.length; i++) {
            index.put(uids[i], i);
        }
        List<Row> rows = links.select(col("uid_a"), col("uid_b"), col("rule"), col("match_weight").isNull()).collectAsList();
        int[] a = new int[rows.size()];
        int[] b = new int[rows.size()];
        boolean[] deterministic = new boolean[rows.size()];
        String[] rules = new String[rows.size()];
        for (int e = 0; e < rows.size(); e++) {
            Row r = rows.get(e);
            a[e] = index.get(r.getString(0));
            b[e] = index.get(r.getString(1));
            rules[e] = r.getString(2);
            deterministic[e] = r.getBoolean(3);
        }
        return new IdentityGraph(uids, a, b, deterministic, rules);
    }
}
