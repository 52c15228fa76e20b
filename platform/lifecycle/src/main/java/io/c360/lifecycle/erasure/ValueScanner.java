package io.c360.lifecycle.erasure;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Queue;

/**
 * Tells in one pass over a line's UTF-8 bytes whether it contains any of a set of values, ignoring
 * case (an Aho-Corasick automaton over ASCII). It finds at least every line in which
 * {@code line.toLowerCase(Locale.ROOT).contains(value.toLowerCase(Locale.ROOT))} holds, so a line
 * it passes over cannot be the person's and needs no parsing.
 */
final class ValueScanner {

    private static final int ASCII = 128;

    /** ASCII byte → its lower-case letter; other bytes → -1. */
    private static final int[] LOWER = new int[256];

    static {
        for (int b = 0; b < 256; b++) {
            LOWER[b] = b >= ASCII ? -1 : b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
        }
    }

    /** The automaton as one array: entry {@code state * 128 + c} is the next state times 128, negative when it ends a value. */
    private final int[] next;

    private ValueScanner(int[][] next, boolean[] accepting) {
        this.next = new int[next.length * ASCII];
        for (int state = 0; state < next.length; state++) {
            for (int c = 0; c < ASCII; c++) {
                int target = next[state][c];
                this.next[state * ASCII + c] = accepting[target] ? -1 : target * ASCII;
            }
        }
    }

    /**
     * A scanner for these values, or empty when some value could be written differently in a raw
     * line than it reads (a non-ASCII character, a quote, backslash or slash that CSV or JSON
     * escapes, a control character): such values are only found by parsing every line.
     */
    static Optional<ValueScanner> of(Collection<String> values) {
        List<String> needles = new ArrayList<>();
        for (String v : values) {
            if (v.isEmpty() || !v.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '/')) {
                return Optional.empty();
            }
            needles.add(v.toLowerCase(Locale.ROOT));
        }
        return Optional.of(build(needles));
    }

    private static ValueScanner build(List<String> needles) {
        List<int[]> trie = new ArrayList<>();
        List<Boolean> ends = new ArrayList<>();
        trie.add(new int[ASCII]);
        ends.add(false);
        for (String needle : needles) {
            int state = 0;
            for (char c : needle.toCharArray()) {
                if (trie.get(state)[c] == 0) {
                    trie.add(new int[ASCII]);
                    ends.add(false);
                    trie.get(state)[c] = trie.size() - 1;
                }
                state = trie.get(state)[c];
            }
            ends.set(state, true);
        }
        int[][] next = trie.toArray(int[][]::new);
        boolean[] accepting = new boolean[next.length];
        for (int i = 0; i < accepting.length; i++) {
            accepting[i] = ends.get(i);
        }
        linkFailures(next, accepting);
        return new ValueScanner(next, accepting);
    }

    /** Turns the trie into a complete automaton: a missing transition follows the longest proper suffix that is a prefix. */
    private static void linkFailures(int[][] next, boolean[] accepting) {
        int[] failure = new int[next.length];
        Queue<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < ASCII; c++) {
            if (next[0][c] != 0) {
                queue.add(next[0][c]);
            }
        }
        while (!queue.isEmpty()) {
            int state = queue.remove();
            accepting[state] |= accepting[failure[state]];
            for (int c = 0; c < ASCII; c++) {
                int child = next[state][c];
                if (child != 0) {
                    failure[child] = next[failure[state]][c];
                    queue.add(child);
                } else {
                    next[state][c] = next[failure[state]][c];
                }
            }
        }
    }

    /**
     * True when bytes {@code from} (inclusive) to {@code to} (exclusive) contain a value. ASCII letters
     * are lower-cased; a non-ASCII character matches nothing, except U+0130 and U+212A, which
     * {@link String#toLowerCase} turns into an ASCII {@code i} and {@code k}.
     */
    boolean foundIn(byte[] bytes, int from, int to) {
        int state = 0;
        for (int i = from; i < to; i++) {
            int b = bytes[i] & 0xff;
            int c = LOWER[b];
            if (c < 0) {
                if (b == 0xc4 && i + 1 < to && (bytes[i + 1] & 0xff) == 0xb0) {
                    c = 'i';
                    i += 1;
                } else if (b == 0xe2 && i + 2 < to && (bytes[i + 1] & 0xff) == 0x84 && (bytes[i + 2] & 0xff) == 0xaa) {
                    c = 'k';
                    i += 2;
                } else {
                    state = 0;
                    continue;
                }
            }
            state = next[state + c];
            if (state < 0) {
                return true;
            }
        }
        return false;
    }
}
