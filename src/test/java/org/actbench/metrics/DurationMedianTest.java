package org.actbench.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DurationMedianTest {
  @Test
  void theMedianOfEveryDurationIsWithinOnePercent() {
    DurationMedian m = new DurationMedian();
    assertThat(m.median()).isNaN();
    Random random = new Random(1);
    double[] all = new double[10_001];
    for (int i = 0; i < all.length; i++) {
      // a run that warms up: 43 ms steps, then 31 ms ones, and the odd 1.5 s evaluation
      all[i] = (i < 5_000 ? 43e6 : 31e6) * (1 + 0.1 * random.nextGaussian());
      if (i % 500 == 0) {
        all[i] = 1.5e9;
      }
      m.add(all[i]);
    }
    double[] sorted = all.clone();
    Arrays.sort(sorted);
    double exact = sorted[sorted.length / 2];
    assertThat(m.count()).isEqualTo(all.length);
    assertThat(m.median()).isCloseTo(exact, within(0.01 * exact));
  }

  @Test
  void durationsOutsideItsRangeCountAtItsEnds() {
    DurationMedian m = new DurationMedian();
    m.add(0);
    m.add(-5);
    m.add(1);
    assertThat(m.median()).isCloseTo(1_000, within(10.0));
    DurationMedian slow = new DurationMedian();
    slow.add(1e15);
    assertThat(slow.median()).isGreaterThan(1e13);
  }
}
