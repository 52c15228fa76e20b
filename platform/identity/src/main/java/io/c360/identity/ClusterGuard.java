package io.c360.identity;

import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Clusters records into connected components of their links, never into a giant one: a component
 * larger than the limit keeps only its deterministic links; if it is still too large, its records
 * stay apart. Both cases are reported.
 */
final class ClusterGuard {

    private final int maxClusterSize;

    ClusterGuard(int maxClusterSize) {
        this.maxClusterSize = maxClusterSize;
    }

    /**
     * @param graph records (sorted uids) and links as node indexes
     * @return per record, the index of the smallest record of its cluster
     */
    int[] cluster(IdentityGraph graph, List<String> warnings) {
        int n = graph.uids().length;
        int[] labels = ConnectedComponents.label(n, graph.a(), graph.b(), null);
        int[] sizes = sizes(labels);
        boolean[] giant = new boolean[n];
        boolean anyGiant = false;
        for (int i = 0; i < n; i++) {
            giant[i] = sizes[labels[i]] > maxClusterSize;
            anyGiant |= giant[i];
        }
        if (!anyGiant) {
            return labels;
        }
        largest(sizes, 5).forEach(l -> warnings.add(String.format(Locale.ROOT, "cluster of %d records around %s exceeds max-cluster-size %d:"
                + " only its deterministic links are kept", sizes[l], graph.uids()[l], maxClusterSize)));
        boolean[] use = new boolean[graph.a().length];
        for (int e = 0; e < use.length; e++) {
            use[e] = !giant[graph.a()[e]] || graph.deterministic()[e];
        }
        int[] relabelled = ConnectedComponents.label(n, graph.a(), graph.b(), use);
        int[] resized = sizes(relabelled);
        largest(resized, 5).forEach(l -> warnings.add(String.format(Locale.ROOT, "cluster of %d records around %s exceeds max-cluster-size %d"
                + " even with deterministic links only: its records are left apart", resized[l], graph.uids()[l], maxClusterSize)));
        for (int i = 0; i < n; i++) {
            if (resized[relabelled[i]] > maxClusterSize) {
                relabelled[i] = i;
            }
        }
        return relabelled;
    }

    private static int[] sizes(int[] labels) {
        int[] sizes = new int[labels.length];
        for (int l : labels) {
            sizes[l]++;
        }
        return sizes;
    }

    private List<Integer> largest(int[] sizes, int limit) {
        return IntStream.range(0, sizes.length).filter(l -> sizes[l] > maxClusterSize).boxed()
                .sorted((x, y) -> Integer.compare(sizes[y], sizes[x])).limit(limit).toList();
    }
}
