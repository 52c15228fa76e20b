package io.c360.identity;

import org.apache.spark.sql.Row;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The records of a run and their links, held in the driver for clustering and id assignment:
 * uids sorted (so the smallest index of a cluster is its smallest uid) and links as index pairs.
 */
record IdentityGraph(String[] uids, int[] a, int[] b, boolean[] deterministic, String[] rules) {

    /** @param links rows of {@link IdentityResolver#LINK_SCHEMA} (a null weight: a deterministic rule) */
    static IdentityGraph of(List<String> records, List<Row> links) {
        String[] uids = records.toArray(new String[0]);
        Arrays.sort(uids);
        Map<String, Integer> index = new HashMap<>(uids.length * 2);
        for (int i = 0; i < uids.length; i++) {
            index.put(uids[i], i);
        }
        int[] a = new int[links.size()];
        int[] b = new int[links.size()];
        boolean[] deterministic = new boolean[links.size()];
        String[] rules = new String[links.size()];
        for (int e = 0; e < links.size(); e++) {
            Row r = links.get(e);
            a[e] = index.get(r.getString(0));
            b[e] = index.get(r.getString(1));
            rules[e] = r.getString(4);
            deterministic[e] = r.isNullAt(5);
        }
        return new IdentityGraph(uids, a, b, deterministic, rules);
    }
}
