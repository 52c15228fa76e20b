package io.c360.identity;

/**
 * Connected components by union-find (path halving) on node indexes. The identity graph of a run
 * (a few hundred thousand records and links at 100,000 customers) is held in the driver: union-find
 * there takes well under a second, where the large-star/small-star rounds in Spark took a minute of
 * small jobs. Every node ends labelled with the smallest index of its component.
 */
final class ConnectedComponents {

    private ConnectedComponents() {
    }

    /**
     * @param nodes number of nodes (0 … nodes-1)
     * @param a     one end of every edge
     * @param b     the other end
     * @param use   which edges count (null: all)
     * @return the smallest node index of each node's component
     */
    static int[] label(int nodes, int[] a, int[] b, boolean[] use) {
        int[] parent = new int[nodes];
        for (int i = 0; i < nodes; i++) {
            parent[i] = i;
        }
        for (int e = 0; e < a.length; e++) {
            if (use != null && !use[e]) {
                continue;
            }
            int x = root(parent, a[e]);
            int y = root(parent, b[e]);
            if (x < y) {
                parent[y] = x;
            } else if (y < x) {
                parent[x] = y;
            }
        }
        int[] label = new int[nodes];
        for (int i = 0; i < nodes; i++) {
            label[i] = root(parent, i);
        }
        return label;
    }

    private static int root(int[] parent, int node) {
        int n = node;
        while (parent[n] != n) {
            parent[n] = parent[parent[n]];
            n = parent[n];
        }
        return n;
    }
}
