package io.c360.sources;

import java.util.SplittableRandom;

/** The random distributions the simulation draws from, all driven by a caller-supplied stream. */
final class Distributions {

    private Distributions() {
    }

    static double gaussian(SplittableRandom rng) {
        double u = 1.0 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** Poisson by Knuth's method; a normal approximation for large means. */
    static int poisson(SplittableRandom rng, double mean) {
        if (mean > 30) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(rng)));
        }
        double limit = Math.exp(-mean);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= rng.nextDouble();
        } while (p > limit);
        return k - 1;
    }
}
