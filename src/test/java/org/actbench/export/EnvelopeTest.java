package org.actbench.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.actbench.experiment.Smoothing;
import org.junit.jupiter.api.Test;

/** The envelope behind a smoothed curve: the raw extremes within the smoothing window. */
class EnvelopeTest {
  @Test
  void minAndMaxOverTheCentredWindowKeepASpikeVisible() {
    double[] raw = {1, 1, 9, 1, 1, 1};
    double[][] env = FigureExport.envelope(raw, 3);
    assertThat(env[0]).containsExactly(1, 1, 1, 1, 1, 1);
    assertThat(env[1]).containsExactly(1, 9, 9, 9, 1, 1);
    assertThat(FigureExport.window(new Smoothing.Centred(11))).isEqualTo(11);
    assertThat(FigureExport.window(new Smoothing.Ema(0.9))).isEqualTo(19);
    assertThat(FigureExport.window(new Smoothing.None())).isEqualTo(1);
  }
}
