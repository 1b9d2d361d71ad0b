package org.actbench.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Index subsets of an {@link ImageSet}. */
public final class Subsets {
  private Subsets() {}

  /** 0 .. n−1. */
  public static int[] all(ImageSet set) {
    int[] idx = new int[set.size()];
    Arrays.setAll(idx, i -> i);
    return idx;
  }

  /**
   * {@code perClass} images of every class, chosen at random with {@code seed}, in ascending index
   * order.
   *
   * @throws DataException if a class has fewer images than asked for
   */
  public static int[] stratified(ImageSet set, int perClass, long seed) {
    if (perClass < 1) {
      throw new DataException(
          "a per-class subset needs at least 1 image per class, got " + perClass);
    }
    int[] counts = set.classCounts();
    int[][] byClass = new int[counts.length][];
    int[] fill = new int[counts.length];
    for (int c = 0; c < counts.length; c++) {
      if (counts[c] < perClass) {
        throw new DataException(
            "a subset of "
                + perClass
                + " images per class needs more data: class "
                + c
                + " has "
                + counts[c]);
      }
      byClass[c] = new int[counts[c]];
    }
    for (int i = 0; i < set.size(); i++) {
      int c = set.label(i);
      byClass[c][fill[c]++] = i;
    }
    SplittableRandom rng = new SplittableRandom(seed);
    int[] out = new int[perClass * counts.length];
    for (int c = 0; c < counts.length; c++) {
      shuffle(byClass[c], rng);
      System.arraycopy(byClass[c], 0, out, c * perClass, perClass);
    }
    Arrays.sort(out);
    return out;
  }

  /** Fisher–Yates in place. */
  static void shuffle(int[] a, SplittableRandom rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
