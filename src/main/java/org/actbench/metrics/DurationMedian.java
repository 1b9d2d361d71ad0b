package org.actbench.metrics;

/**
 * The median of every duration added, to within 1 %: counts in bins of 1 % width on a log scale
 * from 1 µs to about 6 hours, so that it costs the same after ten million steps as after ten, and
 * nothing is allocated as durations are added.
 */
final class DurationMedian {
  private static final double LOWEST = 1_000; // ns
  private static final double RATIO = 1.01; // each bin 1 % wider than the one before
  private static final int BINS = 2_400; // 1.01^2400 ≈ 2.3e10: up to about 6 hours

  private final long[] counts = new long[BINS];
  private long total;

  void add(double nanos) {
    int bin = (int) (Math.log(Math.max(nanos, LOWEST) / LOWEST) / Math.log(RATIO));
    counts[Math.min(bin, BINS - 1)]++;
    total++;
  }

  long count() {
    return total;
  }

  /** The median, as its bin's geometric centre; NaN before any. */
  double median() {
    if (total == 0) {
      return Double.NaN;
    }
    long half = (total + 1) / 2;
    long seen = 0;
    for (int bin = 0; bin < BINS; bin++) {
      seen += counts[bin];
      if (seen >= half) {
        return LOWEST * Math.pow(RATIO, bin + 0.5);
      }
    }
    return LOWEST * Math.pow(RATIO, BINS - 0.5);
  }
}
