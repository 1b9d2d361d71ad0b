package org.actbench.chart;

import java.util.Arrays;

/**
 * A growing list of (x, y) points, kept at full resolution. Not thread-safe: one thread (the
 * window's) appends and draws.
 */
public final class Series {
  private double[] xs = new double[64];
  private double[] ys = new double[64];
  private int size;

  public void add(double x, double y) {
    if (size == xs.length) {
      xs = Arrays.copyOf(xs, size * 2);
      ys = Arrays.copyOf(ys, size * 2);
    }
    xs[size] = x;
    ys[size] = y;
    size++;
  }

  public int size() {
    return size;
  }

  public double x(int i) {
    return xs[i];
  }

  public double y(int i) {
    return ys[i];
  }

  public void clear() {
    size = 0;
  }

  /** The index of the point whose x is nearest to {@code x} (x ascending), or −1 if empty. */
  public int nearest(double x) {
    if (size == 0) {
      return -1;
    }
    int i = Arrays.binarySearch(xs, 0, size, x);
    if (i >= 0) {
      return i;
    }
    int hi = Math.min(-i - 1, size - 1);
    int lo = Math.max(hi - 1, 0);
    return Math.abs(xs[lo] - x) <= Math.abs(xs[hi] - x) ? lo : hi;
  }
}
