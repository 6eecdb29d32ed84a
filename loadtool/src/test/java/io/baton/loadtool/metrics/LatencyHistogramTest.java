package io.baton.loadtool.metrics;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencyHistogramTest {

    @Test
    void emptyHistogramReportsZeros() {
        LatencyHistogram h = new LatencyHistogram();
        assertThat(h.count()).isZero();
        assertThat(h.valueAtPercentile(50)).isZero();
        assertThat(h.max()).isZero();
        assertThat(h.mean()).isZero();
    }

    @Test
    void smallValuesAreExact() {
        LatencyHistogram h = new LatencyHistogram();
        for (int v = 1; v <= 100; v++) {
            h.record(v);
        }
        assertThat(h.valueAtPercentile(50)).isEqualTo(50);
        assertThat(h.valueAtPercentile(95)).isEqualTo(95);
        assertThat(h.valueAtPercentile(100)).isEqualTo(100);
        assertThat(h.min()).isEqualTo(1);
        assertThat(h.mean()).isCloseTo(50.5, within(1e-9));
    }

    @Test
    void percentilesOfLargeValuesAreWithinBucketPrecision() {
        LatencyHistogram h = new LatencyHistogram();
        for (long v = 1; v <= 100_000; v++) {
            h.record(v * 1000); // 1 µs .. 100 ms in ns
        }
        assertThat((double) h.valueAtPercentile(50)).isCloseTo(50_000_000, within(50_000_000 / 60.0));
        assertThat((double) h.valueAtPercentile(99)).isCloseTo(99_000_000, within(99_000_000 / 60.0));
        assertThat(h.valueAtPercentile(50)).isGreaterThanOrEqualTo(50_000_000);
        assertThat(h.valueAtPercentile(100)).isEqualTo(h.max()).isEqualTo(100_000_000);
    }

    @Test
    void everyValueFallsInsideItsBucket() {
        SplittableRandom random = new SplittableRandom(7);
        List<Long> values = new ArrayList<>(List.of(0L, 1L, 127L, 128L, 129L, 255L, 256L, Long.MAX_VALUE, Long.MAX_VALUE - 1));
        for (int i = 0; i < 10_000; i++) {
            values.add(random.nextLong(Long.MAX_VALUE) >>> random.nextInt(63));
        }
        for (long v : values) {
            int index = LatencyHistogram.indexOf(v);
            assertThat(index).isBetween(0, LatencyHistogram.BUCKET_COUNT - 1);
            assertThat(LatencyHistogram.lowerBound(index)).isLessThanOrEqualTo(v);
            assertThat(LatencyHistogram.upperBound(index)).isGreaterThanOrEqualTo(v);
        }
    }

    @Test
    void bucketsAreContiguous() {
        for (int i = 1; i < LatencyHistogram.indexOf(Long.MAX_VALUE); i++) {
            assertThat(LatencyHistogram.lowerBound(i)).isEqualTo(LatencyHistogram.upperBound(i - 1) + 1);
        }
    }

    @Test
    void addMergesCountsAndExtremes() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        a.record(10);
        a.record(20);
        b.record(5_000_000);
        a.add(b);
        assertThat(a.count()).isEqualTo(3);
        assertThat(a.max()).isEqualTo(5_000_000);
        assertThat(a.min()).isEqualTo(10);
        assertThat(a.valueAtPercentile(50)).isEqualTo(20);
    }

    @Test
    void negativeValuesCountAsZero() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(-5);
        assertThat(h.max()).isZero();
        assertThat(h.count()).isOne();
    }

    @Test
    void concurrentRecordingLosesNothing() throws InterruptedException {
        LatencyHistogram h = new LatencyHistogram();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 10_000; i++) {
                    h.record(i);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(h.count()).isEqualTo(80_000);
        assertThat(h.max()).isEqualTo(9_999);
    }
}
