package io.baton.domain.orchestration.common;

import java.util.random.RandomGenerator;

/**
 * Randomised waits: an exponential draw with mean {@code average}, truncated to {@code [c, k]} times the average
 * where {@code k = 1 + factor} is the upper clamp multiple and {@code c} is the lower clamp multiple that puts as
 * much probability mass between the lower bound and the median as between the median and the upper bound
 * ({@code 2^-c = 1 - 2^-k}), so that the draws stay centred on {@code average}.
 */
public final class Jitter {
    private Jitter() {}

    /** Beyond this upper multiple {@code 2^k - 1} is {@code 2^k} in doubles and the lower clamp is 0. */
    private static final double NO_LOWER_CLAMP_FROM = 50;

    public static double clampedExponential(double average, double factor, RandomGenerator random) {
        if (average <= 0) {
            return average;
        }
        if (factor <= 0) {
            throw new IllegalArgumentException("jitter factor must be positive");
        }
        double upperMultiple = 1 + factor;
        double upperP = exponentialCdf(upperMultiple);
        double lowerP = exponentialCdf(lowerClampMultiple(upperMultiple));
        double u = lowerP + (upperP - lowerP) * random.nextDouble();
        return -Math.log(Math.max(1 - u, 1e-10)) * average;
    }

    /** The CDF of the unit-mean exponential at {@code multiple} (the bounds are multiples of the average). */
    private static double exponentialCdf(double multiple) {
        return 1 - Math.exp(-multiple);
    }

    /** The lower clamp multiple paired with the upper clamp multiple {@code k} (not with the factor). */
    static double lowerClampMultiple(double k) {
        if (k >= NO_LOWER_CLAMP_FROM) {
            return 0;
        }
        double p = Math.pow(2, k);
        return Math.log(Math.max(p / (p - 1), 1e-10)) / Math.log(2);
    }
}
