package io.baton.loadtool.metrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Lock-free log-linear histogram of non-negative values (nanoseconds by convention).
 *
 * <p>Values below {@value #SUB_BUCKETS} are counted exactly; above that every power-of-two range is split
 * into {@value #HALF} linear sub-buckets, so a reported percentile is at most 1/64 (about 1.6%) above the
 * true value. That is HdrHistogram's layout with a fixed precision, which is all a load report needs.
 */
public final class LatencyHistogram {
    static final int SUB_BUCKET_BITS = 7;
    static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
    static final int HALF = SUB_BUCKETS / 2;
    static final int BUCKET_COUNT = SUB_BUCKETS + (Long.SIZE - SUB_BUCKET_BITS) * HALF;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKET_COUNT);
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong sum = new AtomicLong();
    private final AtomicLong max = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong min = new AtomicLong(Long.MAX_VALUE);

    public void record(long value) {
        long v = Math.max(0, value);
        counts.incrementAndGet(indexOf(v));
        total.incrementAndGet();
        sum.addAndGet(v);
        max.accumulateAndGet(v, Math::max);
        min.accumulateAndGet(v, Math::min);
    }

    public long count() {
        return total.get();
    }

    public long max() {
        return count() == 0 ? 0 : max.get();
    }

    public long min() {
        return count() == 0 ? 0 : min.get();
    }

    public double mean() {
        long n = count();
        return n == 0 ? 0 : (double) sum.get() / n;
    }

    /**
     * The smallest recorded-bucket upper bound below which {@code percentile} percent of values fall,
     * capped at the exact maximum so p100 equals max.
     */
    public long valueAtPercentile(double percentile) {
        long n = count();
        if (n == 0) {
            return 0;
        }
        double p = Math.min(100.0, Math.max(0.0, percentile));
        long rank = Math.max(1, (long) Math.ceil(p / 100.0 * n));
        long seen = 0;
        for (int i = 0; i < BUCKET_COUNT; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return Math.min(Math.max(upperBound(i), min()), max());
            }
        }
        return max();
    }

    /** Adds every count of {@code other} into this histogram. */
    public void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKET_COUNT; i++) {
            long c = other.counts.get(i);
            if (c != 0) {
                counts.addAndGet(i, c);
            }
        }
        if (other.count() > 0) {
            total.addAndGet(other.count());
            sum.addAndGet(other.sum.get());
            max.accumulateAndGet(other.max(), Math::max);
            min.accumulateAndGet(other.min(), Math::min);
        }
    }

    static int indexOf(long v) {
        if (v < SUB_BUCKETS) {
            return (int) v;
        }
        int shift = (63 - Long.numberOfLeadingZeros(v)) - (SUB_BUCKET_BITS - 1);
        int top = (int) (v >>> shift); // in [HALF, SUB_BUCKETS)
        return SUB_BUCKETS + (shift - 1) * HALF + (top - HALF);
    }

    static long lowerBound(int index) {
        if (index < SUB_BUCKETS) {
            return index;
        }
        int k = index - SUB_BUCKETS;
        int shift = k / HALF + 1;
        return (long) (HALF + k % HALF) << shift;
    }

    static long upperBound(int index) {
        if (index < SUB_BUCKETS) {
            return index;
        }
        int shift = (index - SUB_BUCKETS) / HALF + 1;
        long lower = lowerBound(index);
        long width = 1L << shift;
        // The last bucket would overflow past Long.MAX_VALUE.
        return lower > Long.MAX_VALUE - width ? Long.MAX_VALUE : lower + width - 1;
    }
}
