package io.c360.sources;

import java.util.SplittableRandom;

/**
 * Independent random streams derived from the plan's seed: one per person and purpose, one per
 * continuous-mode tick. A person's data depends only on (seed, person id), never on the order in
 * which persons are generated.
 */
final class Seeds {

    static final long PROFILE = 1;
    static final long BANKING = 2;
    static final long WEB = 3;
    static final long RETAIL = 4;
    static final long CRM = 5;

    private Seeds() {
    }

    static SplittableRandom person(long seed, long personId, long purpose) {
        return new SplittableRandom(mix(mix(seed, personId), purpose));
    }

    static SplittableRandom tick(long seed, long tick) {
        return new SplittableRandom(mix(mix(seed, -1 - tick), 0x71C));
    }

    /** SplitMix64 finaliser over the combination: well-spread seeds for neighbouring ids. */
    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
