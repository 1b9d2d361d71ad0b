package org.actbench.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoGapTest {
  @Test
  void theGapCountsOnlyWithElunearZeroAtThreeStepsInARowMeasuredByBothRuns() {
    DemoGap gap = new DemoGap();
    gap.add(true, 1, 0.28);
    assertThat(gap.add(false, 1, 0.43)).isFalse(); // a gap, but ELU not near zero yet
    gap.add(true, 2, 0.05);
    assertThat(gap.add(false, 2, 0.20)).isFalse(); // 1
    gap.add(false, 4, 0.30);
    gap.add(false, 6, 0.30); // ELU not there yet: no count
    assertThat(gap.add(true, 4, 0.25)).isFalse(); // ELU 0.25: breaks the streak
    gap.add(true, 6, -0.10); // 1 (−0.1 is near zero; 0.4 above it)
    gap.add(true, 8, 0.10);
    assertThat(gap.add(false, 8, 0.22)).isFalse(); // 2
    gap.add(true, 10, 0.0);
    assertThat(gap.add(false, 10, 0.1)).isTrue(); // 3, exactly the gap
    assertThat(gap.visibleAt()).isEqualTo(10);
    assertThat(gap.add(true, 12, 0.5)).isTrue(); // once visible, it stays so
    assertThat(gap.visibleAt()).isEqualTo(10);
  }

  @Test
  void aSmallGapIsNoGap() {
    DemoGap gap = new DemoGap();
    for (int step = 2; step <= 20; step += 2) {
      gap.add(true, step, 0.0);
      assertThat(gap.add(false, step, 0.09)).isFalse();
    }
  }
}
