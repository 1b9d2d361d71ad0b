package org.actbench.experiment;

import java.util.Map;
import java.util.TreeMap;

/**
 * When the one-minute demo's gap is visible: ReLU's network-wide median unit mean lies at least
 * {@link #MIN_GAP} above ELU's at {@link #STREAK} logged steps in a row (both measured at each).
 * 0.1 is two grid lines of the unit-means chart at its usual scale (about 15 px on a projector at
 * 1080 lines), and three steps in a row keep one noisy batch from counting. Feed it the two runs'
 * logged network medians in any order (two training threads); not thread-safe: synchronise.
 */
public final class DemoGap {
  public static final double MIN_GAP = 0.1;
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
        streak = r - e.getValue() >= MIN_GAP ? streak + 1 : 0;
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
