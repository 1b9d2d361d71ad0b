package org.actbench.ui.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.actbench.chart.Heatmap;
import org.actbench.chart.Line;
import org.actbench.engine.train.EvalRecord;
import org.actbench.engine.train.MeasureCost;
import org.actbench.engine.train.StepRecord;
import org.actbench.experiment.TrainSpec;
import org.actbench.export.RunStyles;
import org.actbench.testing.TinySpecs;
import org.junit.jupiter.api.Test;

/** The Runs tab's figures from its rows, without a window. */
class RunChartsTest {
  static LiveRun run(String act, int depth, long seed) {
    TrainSpec spec = TinySpecs.of(act, depth, seed, 100, 10, null);
    return LiveRun.queued(spec.shortName(), spec);
  }

  private static final RunCharts.Choices CHOICES =
      new RunCharts.Choices("network", null, BiasQuantity.RHO, null, true);

  @Test
  void theConfusionMatrixNamesTheClassesAndWhichRunItIs() {
    LiveRun r = run("elu", 2, 1);
    r.classNames = List.of("airplane", "automobile");
    r.accept(new EvalRecord(10, 2.0, 0.5, new int[][] {{3, 1}, {2, 2}}));
    r.drain();
    RunCharts charts = new RunCharts();
    charts.update(List.of(r), CHOICES);
    Heatmap confusion = (Heatmap) charts.confusions.figures().get(0);
    assertThat(confusion.title()).isEqualTo("Confusion: elu-d2-w4-s1, step 10");
    ChartSurface s = new ChartSurface();
    confusion.paint(s, 800, 500);
    assertThat(s.texts).contains("airplane (75%)", "automobile (50%)", "airplane", "automobile");
  }

  @Test
  void runsOfOneActivationShareItsColourDepthsDashAndSeedsShade() {
    List<LiveRun> runs =
        List.of(run("elu", 4, 1), run("elu", 4, 2), run("elu", 8, 1), run("relu", 4, 1));
    for (LiveRun r : runs) {
      r.accept(new StepRecord(1, 0, 2.3, 0.1, 0.01, 0.1));
      r.drain();
    }
    RunCharts charts = new RunCharts();
    charts.update(runs, CHOICES);
    List<Line> train =
        charts.loss.lines().stream().filter(l -> l.label().endsWith("train")).toList();
    assertThat(train.get(0).argb()).isNotEqualTo(train.get(1).argb()); // seeds 1 and 2: two shades
    assertThat(train.get(0).dash()).isEqualTo(train.get(1).dash()).isEqualTo(Line.Dash.SOLID);
    assertThat(train.get(2).dash()).isEqualTo(Line.Dash.DASHED); // depth 8
    assertThat(train.get(2).argb()).isEqualTo(RunStyles.colour("elu"));
    assertThat(train.get(3).argb()).isEqualTo(RunStyles.colour("relu"));
  }

  @Test
  void theHistogramChartSaysWhereTheFirstHistogramComes() {
    // a short run's budget leaves step 1 without histograms: the chart says when they come
    LiveRun r = run("elu", 2, 1);
    RunCharts.Choices choices =
        new RunCharts.Choices("network", "conv2", BiasQuantity.RHO, null, true);
    r.accept(new StepRecord(1, 0, 2.3, 0.1, 0.01, 0.1));
    r.accept(new MeasureCost(20, 3.0, 15.0, 1, 100, 10, 1, 1.2));
    r.drain();
    RunCharts charts = new RunCharts();
    charts.update(List.of(r), choices);
    ChartSurface s = new ChartSurface();
    charts.histogram.paint(s, 800, 500);
    assertThat(s.texts).contains("no histogram yet: the next comes at step 100");
  }

  @Test
  void aBudgetThatHasNotPaidForAProbeSaysSoWhereTheBiasShiftWouldBe() {
    LiveRun r = run("relu", 2, 1);
    RunCharts.Choices choices =
        new RunCharts.Choices("network", "conv2", BiasQuantity.RHO, null, true);
    r.accept(new StepRecord(1, 0, 2.3, 0.1, 0.01, 0.1));
    r.accept(new MeasureCost(100, 0.0, 5.0, 320, 3200, 640, 0, 30.0));
    r.drain();
    RunCharts charts = new RunCharts();
    charts.update(List.of(r), choices);
    ChartSurface s = new ChartSurface();
    charts.bias.paint(s, 800, 500);
    assertThat(s.texts)
        .contains("no probe yet: the 5 % measurement budget has not paid for one (~30 steps)");
    ChartSurface means = new ChartSurface();
    charts.means.paint(means, 800, 500);
    assertThat(means.texts).contains("no row yet: the 5 % measurement budget has not paid for one");
    // once a probe has run, or without a budget, the plain text
    r.accept(new MeasureCost(700, 4.0, 5.0, 160, 1600, 320, 1, 14.0));
    r.drain();
    charts.update(List.of(r), choices);
    s = new ChartSurface();
    charts.bias.paint(s, 800, 500);
    assertThat(s.texts).contains("no data yet");
    r.accept(new MeasureCost(800, 4.0, Double.NaN, 10, 100, 10, 0, Double.NaN));
    r.drain();
    charts.update(List.of(r), choices);
    s = new ChartSurface();
    charts.bias.paint(s, 800, 500);
    assertThat(s.texts).contains("no data yet");
  }

  /** Records text. */
  static final class ChartSurface implements org.actbench.chart.Surface {
    final java.util.List<String> texts = new java.util.ArrayList<>();

    @Override
    public void color(int argb) {}

    @Override
    public void lineWidth(double width) {}

    @Override
    public void dash(double... pattern) {}

    @Override
    public void line(double x1, double y1, double x2, double y2) {}

    @Override
    public void polyline(double[] xs, double[] ys, int n) {}

    @Override
    public void fillPolygon(double[] xs, double[] ys, int n) {}

    @Override
    public void fillRect(double x, double y, double w, double h) {}

    @Override
    public void strokeRect(double x, double y, double w, double h) {}

    @Override
    public void text(String s, double x, double y, double size, int align, boolean bold) {
      texts.add(s);
    }

    @Override
    public void verticalText(String s, double x, double y, double size) {
      texts.add(s);
    }

    @Override
    public double textWidth(String s, double size) {
      return s.length() * size * 0.6;
    }

    @Override
    public void clip(double x, double y, double w, double h) {}

    @Override
    public void unclip() {}
  }
}
