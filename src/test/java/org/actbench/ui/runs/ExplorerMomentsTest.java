package org.actbench.ui.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.actbench.engine.activation.Activation;
import org.junit.jupiter.api.Test;

/** The explorer's moments under a standard normal input, against closed forms. */
class ExplorerMomentsTest {
  @Test
  void reluHasTheKnownMomentsAndSeluKeepsMeanZeroVarianceOne() {
    double[] relu = ExplorerView.moments(Activation.parse("relu", null, null));
    assertThat(relu[0]).isCloseTo(1 / Math.sqrt(2 * Math.PI), within(1e-6));
    assertThat(relu[1]).isCloseTo(0.5 - 1 / (2 * Math.PI), within(1e-6));
    assertThat(relu[2]).isCloseTo(0.5, within(1e-3)); // f' = 0 for x ≤ 0
    double[] selu = ExplorerView.moments(Activation.parse("selu", null, null));
    assertThat(selu[0]).isCloseTo(0, within(1e-3));
    assertThat(selu[1]).isCloseTo(1, within(1e-3));
  }
}
