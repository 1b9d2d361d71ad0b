package org.actbench.metrics;

import java.util.Arrays;

/** Quantiles by linear interpolation between order statistics (R's type 7, NumPy's default). */
public final class Quantiles {
  private Quantiles() {}

  /** The q-quantile of values sorted in place; NaNs are ignored (NaN if nothing is left). */
  public static double ofSorted(double[] sorted, int count, double q) {
    if (count == 0) {
      return Double.NaN;
    }
    double h = (count - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, count - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  /** Sorts {@code values} (NaNs last) and returns how many are not NaN. */
  public static int sort(double[] values) {
    Arrays.sort(values); // NaN sorts after every number
    int n = values.length;
    while (n > 0 && Double.isNaN(values[n - 1])) {
      n--;
    }
    return n;
  }

  /** The median of a copy of {@code values}, NaNs ignored. */
  public static double median(double[] values) {
    double[] copy = values.clone();
    return ofSorted(copy, sort(copy), 0.5);
  }
}
