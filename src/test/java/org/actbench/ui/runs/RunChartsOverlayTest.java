package org.actbench.ui.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.actbench.chart.Guide;
import org.actbench.chart.Line;
import org.actbench.chart.LineChart;
import org.actbench.chart.Series;
import org.actbench.export.RunStyles;
import org.junit.jupiter.api.Test;

/**
 * The unit-means chart's theory overlay and which run a callout is dropped by, without a window.
 */
class RunChartsOverlayTest {
  @Test
  void theTheoryIsOneGuidePerActivationAndZeroAndOnlyWhenAsked() {
    List<LiveRun> shown =
        List.of(
            RunChartsTest.run("elu", 2, 1),
            RunChartsTest.run("elu", 2, 2), // the same activation: one guide
            RunChartsTest.run("relu", 2, 1));
    RunCharts charts = new RunCharts();
    charts.update(shown, new RunCharts.Choices("network", null, BiasQuantity.RHO, null, false));
    assertThat(charts.means.guides()).isEmpty();
    charts.update(
        shown, new RunCharts.Choices("network", null, BiasQuantity.RHO, null, false, true));
    assertThat(charts.means.guides())
        .extracting(Guide::label)
        .containsExactly("ELU (α=1.0): E[f(x)] = 0.161", "ReLU: E[f(x)] = 0.399", "zero mean");
    assertThat(charts.means.guides().get(0).argb()).isEqualTo(RunStyles.colour("elu"));
    assertThat(charts.means.guides().get(2).y()).isZero();
  }

  @Test
  void aCalloutBelongsToTheRunWhoseCurveIsNearest() {
    LineChart chart = new LineChart("Unit means", "step", "unit mean");
    Series low = new Series();
    Series high = new Series();
    for (int i = 0; i < 10; i++) {
      low.add(i * 10, 0.1);
      high.add(i * 10, 0.35);
    }
    chart.add(Line.of("elu-d2-w4-s1", 0, low));
    chart.add(Line.of("relu-d2-w4-s1", 0, high));
    assertThat(chart.nearestLine(42, 0.3)).isEqualTo("relu-d2-w4-s1");
    assertThat(chart.nearestLine(42, 0.15)).isEqualTo("elu-d2-w4-s1");
    assertThat(new LineChart("empty", "x", "y").nearestLine(1, 1)).isNull();
  }
}
