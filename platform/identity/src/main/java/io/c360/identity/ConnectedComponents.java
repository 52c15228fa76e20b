package io.c360.identity;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.min;

/**
 * Connected components with the alternating large-star / small-star algorithm (Kiveris et al.,
 * "Connected Components in MapReduce and Beyond", 2014) in Spark SQL: O(log² n) rounds of
 * shuffles on the edge list, no graph library; small graphs take a union-find shortcut on the
 * driver. Every node ends labelled with the smallest node of its component.
 */
public final class ConnectedComponents {

    private static final int MAX_ROUNDS = 100;
    /** Below this many edges the driver holds the graph easily (about 100 bytes per edge). */
    public static final long DRIVER_MAX_EDGES = 2_000_000;

    private ConnectedComponents() {
    }

    /**
     * @param nodes one column {@code node} (string); nodes without edges are their own component
     * @param edges columns {@code a, b} (strings), undirected
     * @return {@code node, label}
     */
    public static Dataset<Row> label(Dataset<Row> nodes, Dataset<Row> edges) {
        return label(nodes, edges, DRIVER_MAX_EDGES);
    }

    /**
     * As {@link #label(Dataset, Dataset)}; up to {@code driverMaxEdges} edges the components are
     * found by union-find on the driver (a few Spark jobs instead of several per round), above
     * that entirely in Spark.
     */
    public static Dataset<Row> label(Dataset<Row> nodes, Dataset<Row> edges, long driverMaxEdges) {
        Dataset<Row> current = edges.where(col("a").notEqual(col("b")))
                .select(greatest(col("a"), col("b")).as("src"), least(col("a"), col("b")).as("dst"))
                .distinct().localCheckpoint();
        if (current.count() <= driverMaxEdges) {
            current = onDriver(current);
        }
        for (int round = 0; round < MAX_ROUNDS && !isStarForest(current); round++) {
            current = smallStar(largeStar(current)).localCheckpoint();
        }
        if (!isStarForest(current)) {
            throw new IllegalStateException("connected components did not converge in " + MAX_ROUNDS + " rounds");
        }
        Dataset<Row> labelled = current.select(col("src").as("node"), col("dst").as("label"));
        return nodes.select("node").distinct()
                .join(labelled, "node", "left")
                .select(col("node"), org.apache.spark.sql.functions.coalesce(col("label"), col("node")).as("label"));
    }

    /** Union-find with path halving; the result is the star forest the Spark rounds converge to. */
    private static Dataset<Row> onDriver(Dataset<Row> edges) {
        Map<String, String> parent = new HashMap<>();
        for (Iterator<Row> it = edges.toLocalIterator(); it.hasNext(); ) {
            Row e = it.next();
            String a = root(parent, e.getString(0));
            String b = root(parent, e.getString(1));
            if (!a.equals(b)) {
                if (a.compareTo(b) < 0) {
                    parent.put(b, a);
                } else {
                    parent.put(a, b);
                }
            }
        }
        List<Row> star = new ArrayList<>();
        for (String node : parent.keySet()) {
            String r = root(parent, node);
            if (!r.equals(node)) {
                star.add(RowFactory.create(node, r));
            }
        }
        return edges.sparkSession().createDataFrame(star, edges.schema());
    }

    private static String root(Map<String, String> parent, String node) {
        String n = node;
        parent.putIfAbsent(n, n);
        while (!parent.get(n).equals(n)) {
            String grand = parent.get(parent.get(n));
            parent.put(n, grand);
            n = grand;
        }
        return n;
    }

    /** Every node links to the smallest of its neighbourhood, for neighbours larger than itself. */
    private static Dataset<Row> largeStar(Dataset<Row> e) {
        Dataset<Row> both = e.select(col("src").as("u"), col("dst").as("v"))
                .union(e.select(col("dst").as("u"), col("src").as("v")));
        Dataset<Row> smallest = both.groupBy("u").agg(min("v").as("m"))
                .select(col("u"), least(col("u"), col("m")).as("m"));
        return both.join(smallest, "u").where(col("v").gt(col("u")))
                .select(col("v").as("src"), col("m").as("dst")).distinct();
    }

    /** Every node and its smaller neighbours link to the smallest of them. */
    private static Dataset<Row> smallStar(Dataset<Row> e) {
        Dataset<Row> oriented = e.select(greatest(col("src"), col("dst")).as("u"), least(col("src"), col("dst")).as("v"));
        Dataset<Row> smallest = oriented.groupBy("u").agg(min("v").as("m"));
        Dataset<Row> neighbours = oriented.join(smallest, "u").where(col("v").notEqual(col("m")))
                .select(col("v").as("src"), col("m").as("dst"));
        return neighbours.union(smallest.select(col("u").as("src"), col("m").as("dst"))).distinct();
    }

    /** Converged when every edge points from a node to a centre that has no edge of its own. */
    private static boolean isStarForest(Dataset<Row> e) {
        boolean centresAreRoots = e.select(col("dst").as("n")).join(e.select(col("src").as("n")), "n", "left_semi").isEmpty();
        return centresAreRoots && e.groupBy("src").count().where(col("count").gt(1)).isEmpty();
    }
}
