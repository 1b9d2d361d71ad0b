package org.actbench.ui.runs;

import static org.assertj.core.api.Assertions.assertThat;

import org.actbench.engine.activation.Activation;
import org.actbench.ui.chart.FigurePane;
import org.junit.jupiter.api.Test;

/**
 * Names the window shows: short numbers, one word for one thing, file names without stray dashes.
 */
class LabelsTest {
  @Test
  void aSliderValueShowsAsAShortNumber() {
    double slid = 2.8008064516129036;
    assertThat(Activation.parse("elu", ExplorerView.round(slid), null).label())
        .isEqualTo("ELU (α=2.8)");
  }

  @Test
  void theLeakySlopeIsCalledSlopeEverywhere() {
    assertThat(Activation.parse("lrelu", null, 0.2).label()).isEqualTo("LReLU (slope=0.2)");
  }

  @Test
  void theDataIsNamedWithoutAPath() {
    assertThat(
            RunConfigController.dataName(
                "/home/someone/.cache/actbench/cifar-10/cifar-10-batches-bin"))
        .isEqualTo("CIFAR-10");
    assertThat(RunConfigController.dataName("sample")).isEqualTo("sample set (shapes)");
  }

  @Test
  void anExportIsOfferedASaneFileName() {
    assertThat(FigurePane.safeName("Training loss, by activation, seed "))
        .isEqualTo("training-loss-by-activation-seed");
    assertThat(FigurePane.safeName("Loss-elu-d6-w16-s1 (sample)"))
        .isEqualTo("loss-elu-d6-w16-s1-sample");
    assertThat(FigurePane.safeName("ρ")).isEqualTo("chart");
  }
}
