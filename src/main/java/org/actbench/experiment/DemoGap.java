package org.actbench.experiment;

import java.util.Map;
import java.util.TreeMap;

/**
 * When the one-minute demo's effect is visible: ELU's network-wide median unit mean is within
 * {@link #NEAR_ZERO} of zero and ReLU's lies at least {@link #MIN_GAP} above it, at {@link #STREAK}
 * logged steps in a row (both measured at each). A gap alone is not enough: at the first step
 * ReLU's median already lies about 0.15 above ELU's (0.43 against 0.28 on the sample set), before
 * ELU's has fallen to zero, which is what the class is to see. 0.1 is a fifth of a grid step of the
 * unit-means chart at its usual scale (about 25 px on a 1080-line projector), and three steps in a
 * row keep one noisy batch from counting. Feed it the two runs' logged network medians in any order
 * (two training threads); not thread-safe: synchronise.
 */
public final class DemoGap {
  public static final double MIN_GAP = 0.1;
  public static final double NEAR_ZERO = 0.1;
  public static final int STREAK = 3;

  private final Map<Long, Double> elu = new TreeMap<>();
  private final Map<Long, Double> relu = new TreeMap<>();
  private long visibleAt = -1;

  /**
   * One logged network-wide median unit mean of the ELU run ({@code elu}) or the ReLU run.
   *
   * @return whether the gap is visible now (it stays so once it was)
   */
  public boolean add(boolean isElu, long step, double networkMedian) {
    (isElu ? elu : relu).put(step, networkMedian);
    if (visibleAt < 0) {
      int streak = 0;
      for (Map.Entry<Long, Double> e : elu.entrySet()) {
        Double r = relu.get(e.getKey());
        if (r == null) {
          continue; // not yet measured by the other run: neither counts nor breaks the streak
        }
        boolean visible = Math.abs(e.getValue()) <= NEAR_ZERO && r - e.getValue() >= MIN_GAP;
        streak = visible ? streak + 1 : 0;
        if (streak == STREAK) {
          visibleAt = e.getKey();
          break;
        }
      }
    }
    return visibleAt >= 0;
  }

  /** The step at which the streak was complete, or −1. */
  public long visibleAt() {
    return visibleAt;
  }
}
