package io.c360.identity;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Gives every cluster a stable customer_id. A previous customer survives in the cluster holding
 * most of its records (ties: smallest cluster label); a cluster in which several previous
 * customers survive keeps the oldest id (ids are sequence numbers, so the smallest) and the
 * others are merged into it; a cluster without a surviving id gets the next number of the
 * sequence, in order of cluster label, so a re-run on the same data gives the same ids.
 */
public final class StableIds {

    /** customer_id per record of the graph; events (rows of {@link #EVENT_SCHEMA}); highest sequence number used. */
    public record Assignment(String[] customerIds, List<Row> events, long maxSequence) {
    }

    static final StructType EVENT_SCHEMA = new StructType().add("event_type", DataTypes.StringType)
            .add("customer_id", DataTypes.StringType).add("related_ids", DataTypes.createArrayType(DataTypes.StringType))
            .add("records", DataTypes.LongType).add("reason", DataTypes.StringType);

    private StableIds() {
    }

    /**
     * @param graph    the current records and links
     * @param labels   cluster label (smallest record index) of every record
     * @param previous uid → customer_id of the previous run (empty on the first run)
     */
    public static Assignment assign(IdentityGraph graph, int[] labels, Map<String, String> previous, long maxSequence) {
        String[] uids = graph.uids();
        String[] was = new String[uids.length];
        // overlap: label → previous customer → number of its records in that cluster
        Map<Integer, Map<String, Integer>> overlap = new HashMap<>();
        Map<String, Map<Integer, Integer>> byCustomer = new HashMap<>();
        for (int i = 0; i < uids.length; i++) {
            was[i] = previous.get(uids[i]);
            if (was[i] != null) {
                overlap.computeIfAbsent(labels[i], l -> new HashMap<>()).merge(was[i], 1, Integer::sum);
                byCustomer.computeIfAbsent(was[i], c -> new HashMap<>()).merge(labels[i], 1, Integer::sum);
            }
        }
        Map<String, Integer> home = new HashMap<>();
        TreeMap<Integer, TreeSet<String>> survivors = new TreeMap<>();
        byCustomer.forEach((customer, parts) -> {
            int best = parts.entrySet().stream().min((x, y) -> x.getValue().equals(y.getValue())
                    ? Integer.compare(x.getKey(), y.getKey()) : Integer.compare(y.getValue(), x.getValue())).orElseThrow().getKey();
            home.put(customer, best);
            survivors.computeIfAbsent(best, l -> new TreeSet<>()).add(customer);
        });
        Map<Integer, String> idOfLabel = new HashMap<>();
        survivors.forEach((label, ids) -> idOfLabel.put(label, ids.first()));
        long seq = maxSequence;
        for (int i = 0; i < uids.length; i++) {
            // labels are the smallest index of their cluster, so visiting indexes in order visits clusters in label order
            if (labels[i] == i && !idOfLabel.containsKey(i)) {
                idOfLabel.put(i, String.format(Locale.ROOT, "C%010d", ++seq));
            }
        }
        String[] customerIds = new String[uids.length];
        for (int i = 0; i < uids.length; i++) {
            customerIds[i] = idOfLabel.get(labels[i]);
        }
        List<Row> events = new ArrayList<>();
        merges(graph, labels, was, survivors, events);
        splits(byCustomer, home, idOfLabel, events);
        removals(previous, byCustomer, events);
        return new Assignment(customerIds, events, seq);
    }

    private static void merges(IdentityGraph graph, int[] labels, String[] was, Map<Integer, TreeSet<String>> survivors, List<Row> events) {
        Map<Integer, TreeSet<String>> why = new HashMap<>();
        for (int e = 0; e < graph.a().length; e++) {
            int x = graph.a()[e];
            int y = graph.b()[e];
            TreeSet<String> merged = survivors.get(labels[x]);
            if (merged != null && merged.size() > 1 && (was[x] == null || was[y] == null || !was[x].equals(was[y]))) {
                why.computeIfAbsent(labels[x], l -> new TreeSet<>())
                        .add(graph.uids()[x] + " ~ " + graph.uids()[y] + " by " + graph.rules()[e]);
            }
        }
        survivors.forEach((label, ids) -> {
            if (ids.size() > 1) {
                List<String> related = new ArrayList<>(ids);
                String kept = related.remove(0);
                List<String> reasons = why.getOrDefault(label, new TreeSet<>()).stream().limit(3).toList();
                events.add(RowFactory.create("merge", kept, related.toArray(new String[0]), null,
                        "previous customers now linked: " + String.join("; ", reasons)));
            }
        });
    }

    private static void splits(Map<String, Map<Integer, Integer>> byCustomer, Map<String, Integer> home, Map<Integer, String> idOfLabel,
                               List<Row> events) {
        byCustomer.forEach((customer, parts) -> parts.forEach((label, n) -> {
            if (label.intValue() != home.get(customer)) {
                String now = idOfLabel.get(label);
                events.add(RowFactory.create("split", customer, new String[]{now}, (long) n, n + " record(s) of " + customer
                        + " are no longer linked to its other records (links removed or records changed) and now belong to " + now));
            }
        }));
    }

    private static void removals(Map<String, String> previous, Map<String, Map<Integer, Integer>> byCustomer, List<Row> events) {
        Map<String, Long> records = new HashMap<>();
        previous.values().forEach(customer -> records.merge(customer, 1L, Long::sum));
        records.entrySet().stream().filter(e -> !byCustomer.containsKey(e.getKey())).sorted(Map.Entry.comparingByKey())
                .forEach(e -> events.add(RowFactory.create("removed", e.getKey(), new String[0], e.getValue(),
                        "none of its records is present in the sources any more")));
    }
}
