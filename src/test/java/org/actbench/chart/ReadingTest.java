package org.actbench.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a reader sees: axes that fit what is compared, test points apart, labels not cut off. */
class ReadingTest {
  /**
   * A loss that starts at 9 and settles near 2, with a band ten times wider than the curve moves.
   */
  static LineChart loss() {
    Series mean = new Series();
    Series lo = new Series();
    Series hi = new Series();
    for (int step = 1; step <= 300; step++) {
      double v = step < 5 ? 9 - step : 2.3 - step / 1000.0;
      mean.add(step, v);
      lo.add(step, v - 20);
      hi.add(step, v + 30);
    }
    LineChart chart = new LineChart("Training loss", "step", "loss");
    chart.add(new Line("elu (n=2, 95% CI)", 0xFF0072B2, false, mean, lo, hi));
    return chart;
  }

  @Test
  void theYAxisFitsTheMeansNotTheBandsAndLeavesOutTheFirstStepsOnlyWhenAsked() {
    LineChart chart = loss();
    LineChart.YRange all = chart.yRange(chart.xRange());
    assertThat(all.hi())
        .isBetween(8.0, 8.5); // the means set it (8 at step 1): no −20..30 from the band
    assertThat(all.offScale()).isNaN();

    chart.setTrimStart(true);
    LineChart.YRange trimmed = chart.yRange(chart.xRange());
    assertThat(trimmed.hi()).isLessThan(2.4); // steps 1..4 (9..5) no longer flatten the rest
    assertThat(trimmed.lo()).isGreaterThan(1.9);
    assertThat(trimmed.offScale()).isEqualTo(8.0);
    ChartTest.Recorder r = new ChartTest.Recorder();
    chart.paint(r, 800, 400);
    assertThat(r.texts).contains("first steps off scale (up to 8)");

    chart.setFullRange(true); // one click: everything, the bands too
    LineChart.YRange full = chart.yRange(chart.xRange());
    assertThat(full.lo()).isLessThan(-17);
    assertThat(full.hi()).isGreaterThan(38);
  }

  @Test
  void aSignedQuantityAlwaysShowsZero() {
    Series s = new Series();
    for (int i = 0; i < 50; i++) {
      s.add(i, 0.3 + i * 0.001); // ReLU's unit means: all positive
    }
    LineChart chart = new LineChart("Unit means", "step", "unit mean");
    chart.add(Line.of("relu", 0xFFD55E00, s));
    assertThat(chart.yRange(chart.xRange()).lo()).isGreaterThan(0.2);
    chart.setIncludeZero(true);
    assertThat(chart.yRange(chart.xRange()).lo()).isLessThanOrEqualTo(0);
  }

  @Test
  void testPointsAreMarkersJoinedByALineAndShowSoInTheLegend() {
    Series train = new Series();
    Series test = new Series();
    for (int i = 1; i <= 300; i++) {
      train.add(i, 2.3 - i / 1000.0 + (i % 2) * 0.05);
      if (i % 30 == 0) {
        test.add(i, 2.25 - i / 1000.0);
      }
    }
    LineChart chart = new LineChart("Loss", "step", "cross-entropy");
    chart.add(Line.of("elu train", 0xFF0072B2, train));
    chart.add(Line.of("elu test", 0xFF0072B2, test).withMarkers());
    ChartTest.Recorder r = new ChartTest.Recorder();
    chart.paint(r, 800, 400);
    assertThat(r.polylines).hasSize(2); // train, and the test points joined
    assertThat(r.polylines.get(1)).hasSize(2 * 10);
    assertThat(r.polygons)
        .isEqualTo(2 * (10 + 1)); // a marker (rim and dot) per point, and one in the legend
  }

  @Test
  void aDashIsAPatternOnTheLineNotSeparateSegments() {
    Series s = new Series();
    for (int i = 0; i < 100; i++) {
      s.add(i, i);
    }
    LineChart chart = new LineChart("Loss", "step", "loss");
    chart.add(Line.of("elu-d8", 0xFF0072B2, s).withDash(Line.Dash.DASHED));
    ChartTest.Recorder r = new ChartTest.Recorder();
    chart.paint(r, 800, 400);
    assertThat(r.polylines).hasSize(1);
    assertThat(r.dashed).isEqualTo(2); // the line and its legend entry
  }

  @Test
  void theColourBarsNumbersAndLongRowLabelsFitInTheFigure() {
    Heatmap h = new Heatmap("Median unit mean per layer", "step", "layer", true);
    h.set(
        List.of("act1", "act2"),
        List.of("1", "10", "20"),
        new double[][] {{-0.8017, 0.1, 0.2}, {0.3, 0.4, 0.5}});
    ChartTest.Recorder r = new ChartTest.Recorder();
    h.paint(r, 400, 300);
    assertThat(r.rightEdges.get("-0.8017")).isLessThanOrEqualTo(400);
    assertThat(r.rightEdges.get("0.8017")).isLessThanOrEqualTo(400);

    List<String> classes =
        List.of(
            "airplane",
            "automobile",
            "bird",
            "cat",
            "deer",
            "dog",
            "frog",
            "horse",
            "ship",
            "truck");
    Heatmap confusion = new Heatmap("Confusion", "predicted", "true class", false);
    double[][] share = new double[10][10];
    confusion.set(classes.stream().map(c -> c + " (55%)").toList(), classes, share);
    ChartTest.Recorder c = new ChartTest.Recorder();
    confusion.paint(c, 500, 400);
    assertThat(c.texts).contains("automobile (55%)");
    assertThat(c.rightEdges.get("automobile (55%)")).isGreaterThan(0);
    assertThat(c.vertical)
        .containsAll(classes); // every class named, turned upright where they do not fit
  }

  @Test
  void smallMultiplesPaintEveryPanelWithItsTitleAndReadOutTheOneUnderTheCursor() {
    Heatmap a = new Heatmap("elu-d8-s1", "step", "layer", true);
    a.set(List.of("act1"), List.of("1", "2"), new double[][] {{0.1, 0.2}});
    Heatmap b = new Heatmap("relu-d8-s1", "step", "layer", true);
    b.set(List.of("act1"), List.of("1", "2"), new double[][] {{0.4, 0.5}});
    Panels panels = new Panels("Median unit mean per layer", List.of(a, b));
    ChartTest.Recorder r = new ChartTest.Recorder();
    panels.paint(r, 1000, 400);
    assertThat(r.texts).contains("elu-d8-s1", "relu-d8-s1");
    assertThat(panels.describe(750, 200, 1000, 400)).startsWith("relu-d8-s1: act1, step");
  }

  @Test
  void shadesOfAColourGoFromDarkerToLighter() {
    int blue = 0xFF0072B2;
    assertThat(Palette.shade(blue, 0, 1)).isEqualTo(blue);
    int dark = Palette.shade(blue, 0, 3);
    int light = Palette.shade(blue, 2, 3);
    assertThat(dark & 0xFF).isLessThan(0xB2);
    assertThat(light & 0xFF).isGreaterThan(0xB2);
  }
}
