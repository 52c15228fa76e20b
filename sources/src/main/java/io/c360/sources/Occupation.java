package io.c360.sources;

import java.util.List;
import java.util.SplittableRandom;

/** An occupation with the median yearly income (BRL) that incomes are drawn around. */
record Occupation(String name, int medianIncome) {

    static final Occupation STUDENT = new Occupation("student", 14_000);
    static final Occupation RETIRED = new Occupation("retired", 42_000);

    private static final List<Occupation> WORKING = List.of(
            new Occupation("accountant", 90_000), new Occupation("architect", 110_000),
            new Occupation("bookkeeper", 45_000), new Occupation("butcher", 34_000),
            new Occupation("cashier", 27_000), new Occupation("civil servant", 85_000),
            new Occupation("cook", 33_000), new Occupation("dental hygienist", 50_000),
            new Occupation("designer", 72_000), new Occupation("driver", 38_000),
            new Occupation("economist", 130_000), new Occupation("editor", 70_000),
            new Occupation("electrician", 52_000), new Occupation("engineer", 125_000),
            new Occupation("entrepreneur", 150_000), new Occupation("farmer", 48_000),
            new Occupation("hairdresser", 31_000), new Occupation("journalist", 64_000),
            new Occupation("lawyer", 180_000), new Occupation("mechanic", 46_000),
            new Occupation("nurse", 62_000), new Occupation("pharmacist", 95_000),
            new Occupation("physician", 260_000), new Occupation("police officer", 82_000),
            new Occupation("sales representative", 58_000), new Occupation("software developer", 140_000),
            new Occupation("teacher", 55_000), new Occupation("unemployed", 9_000));

    static Occupation forAge(int age, SplittableRandom rng) {
        if (age < 24 && rng.nextDouble() < 0.5) {
            return STUDENT;
        }
        if (age >= 65 && rng.nextDouble() < 0.8) {
            return RETIRED;
        }
        return WORKING.get(rng.nextInt(WORKING.size()));
    }

    /** Log-normal around the median, rounded to 100 BRL. */
    int drawIncome(SplittableRandom rng) {
        double income = medianIncome * Math.exp(0.35 * Distributions.gaussian(rng));
        return (int) Math.round(income / 100.0) * 100;
    }
}
