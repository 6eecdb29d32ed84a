package io.baton.domain.orchestration.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * The truncated-exponential jitter of retry delays and slot waits (ORCHESTRATION.md 5.2 and 9.1): bounded above at
 * {@code (1 + factor)} times the average and below at the multiple paired with that upper multiple, so the draws
 * are centred on the average.
 */
class JitterTest {

    /** A generator that always returns {@code value} from nextDouble. */
    private static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            public long nextLong() {
                return 0;
            }

            public double nextDouble() {
                return value;
            }
        };
    }

    @Test
    void theLowerClampIsPairedWithTheUpperMultipleNotTheFactor() {
        // k = 1.3: 2^-c = 1 - 2^-1.3, c = log2(2^1.3 / (2^1.3 - 1)) ~ 0.7518
        assertThat(Jitter.lowerClampMultiple(1.3)).isCloseTo(0.75179, within(1e-4));
        // The smallest draw for factor 0.3 is ~0.752 times the average, below the average and not above 1.3 times it.
        assertThat(Jitter.clampedExponential(10, 0.3, fixed(0.0))).isCloseTo(7.5179, within(1e-3));
        assertThat(Jitter.clampedExponential(10, 0.3, fixed(1.0))).isCloseTo(13.0, within(1e-9));
    }

    @Test
    void drawsStayInsideTheClampsAndAverageOutNearTheMean() {
        RandomGenerator random = new SplittableRandom(42);
        double sum = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            double d = Jitter.clampedExponential(10, 0.3, random);
            assertThat(d).isBetween(7.51, 13.0);
            sum += d;
        }
        assertThat(sum / n).isCloseTo(10.0, within(0.5));
    }

    @Test
    void aLargeUpperMultipleHasNoLowerClamp() {
        assertThat(Jitter.lowerClampMultiple(50)).isZero();
        assertThat(Jitter.lowerClampMultiple(20)).isPositive();
        assertThat(Jitter.clampedExponential(1, 60, fixed(0.0))).isZero();
    }

    @Test
    void nothingToJitterStaysAsItIs() {
        assertThat(Jitter.clampedExponential(0, 0.3, fixed(0.5))).isZero();
    }
}
