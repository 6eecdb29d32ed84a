package io.baton.domain.orchestration.common;

import java.util.random.RandomGenerator;

/**
 * Randomised waits: an exponential draw with mean about {@code average}, truncated above at
 * {@code average * (1 + factor)} and below at a point chosen so the mean stays close to {@code average}.
 */
public final class Jitter {
    private Jitter() {}

    public static double clampedExponential(double average, double factor, RandomGenerator random) {
        if (average <= 0) {
            return average;
        }
        if (factor <= 0) {
            throw new IllegalArgumentException("jitter factor must be positive");
        }
        double upper = average * (1 + factor);
        double lower = Math.max(0, average * lowerClampMultiple(factor));
        double upperP = exponentialCdf(upper, average);
        double lowerP = exponentialCdf(lower, average);
        double u = lowerP + (upperP - lowerP) * random.nextDouble();
        return -Math.log(Math.max(1 - u, 1e-10)) * average;
    }

    private static double exponentialCdf(double x, double average) {
        return 1 - Math.exp(-x / average);
    }

    /** Lower bound multiple that balances the truncated upper tail. */
    private static double lowerClampMultiple(double factor) {
        if (factor > 10) {
            return 0;
        }
        double p = Math.pow(2, factor);
        return Math.log(Math.max(p / (p - 1), 1e-10)) / Math.log(2);
    }
}
