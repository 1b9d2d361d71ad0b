package org.actbench.chart;

import java.util.Arrays;

/**
 * A growing list of (x, y) points, kept at full resolution. One thread (the window's) appends;
 * {@link #frozen} hands what is there so far to another thread (the chart painter).
 */
public final class Series {
  private double[] xs;
  private double[] ys;
  private int size;
  private final boolean frozen;

  public Series() {
    this(new double[64], new double[64], 0, false);
  }

  private Series(double[] xs, double[] ys, int size, boolean frozen) {
    this.xs = xs;
    this.ys = ys;
    this.size = size;
    this.frozen = frozen;
  }

  /**
   * The points so far, sharing this series' arrays without copying them: safe to read on another
   * thread while this one grows, because a point once written is never rewritten (growing copies
   * into new arrays; {@link #clear} starts new ones). Hand it over through something that orders
   * memory, e.g. an executor.
   */
  public Series frozen() {
    return new Series(xs, ys, size, true);
  }

  public void add(double x, double y) {
    if (frozen) {
      throw new UnsupportedOperationException("a frozen series does not grow");
    }
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
    xs = new double[64]; // frozen copies keep the old points
    ys = new double[64];
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
