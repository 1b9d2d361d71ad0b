package org.actbench.ui.runs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.actbench.chart.Bars;
import org.actbench.chart.Heatmap;
import org.actbench.chart.Line;
import org.actbench.chart.LineChart;
import org.actbench.chart.Panels;
import org.actbench.chart.Series;
import org.actbench.engine.train.Histogram;
import org.actbench.engine.train.SettingChange;
import org.actbench.export.RunStyles;
import org.actbench.export.TheoryGuides;

/**
 * The Runs tab's figures, rebuilt from the rows shown (FX thread). Each run keeps its activation's
 * colour (depth as dash, seeds as shades, {@link RunStyles}); test-set points are markers joined by
 * a line; the heatmap and the confusion matrix are one panel per run, titled with its name.
 */
final class RunCharts {
  final LineChart loss = new LineChart("Loss", "step", "cross-entropy");
  final LineChart accuracy = new LineChart("Accuracy", "step", "accuracy");
  final LineChart means = new LineChart("Unit means", "step", "unit mean");
  final Panels heatmaps = new Panels("Median unit mean per layer", List.of());
  final LineChart bias = new LineChart("Bias shift", "step", "ρ");

  /** The bias shift of every receiving layer, one panel each, the runs side by side in it. */
  final Panels biasLayers = new Panels("Bias shift per layer", List.of());

  /** The bias-shift layer choice that shows {@link #biasLayers}. */
  static final String ALL_LAYERS = "all layers";

  private BiasQuantity logFor; // the quantity the bias chart's log scale was last set for
  final Bars histogram = new Bars("Activation values", "activation value");
  final Panels confusions = new Panels("Confusion (share of each true class)", List.of());

  RunCharts() {
    loss.setTrimStart(true); // the first steps' 4..9 against ln 10 = 2.3 would flatten the rest
    means.setIncludeZero(true);
    bias.setIncludeZero(true);
  }

  /**
   * What the chart tabs' choices say.
   *
   * @param panels whether to build the heatmap and confusion panels (their tab is shown): a matrix
   *     per run, five times a second, only where someone looks at them
   */
  record Choices(
      String meansLayer,
      String biasLayer,
      BiasQuantity bias,
      String histLayer,
      boolean panels,
      boolean theory) {
    Choices(
        String meansLayer, String biasLayer, BiasQuantity bias, String histLayer, boolean panels) {
      this(meansLayer, biasLayer, bias, histLayer, panels, false);
    }
  }

  /**
   * Fewer unit-mean rows than this (a budget that logs rarely): a marker on each, so that the line
   * between two of them is not read as measurements.
   */
  private static final int SPARSE = 60;

  private static Line marked(Line line) {
    return line.series().size() < SPARSE ? line.withMarkers() : line;
  }

  void update(List<LiveRun> shown, Choices c) {
    String empty =
        shown.isEmpty() ? "no runs shown: queue some, or select stored ones above" : "no data yet";
    for (LineChart chart : List.of(loss, accuracy, means, bias)) {
      chart.setEmptyText(empty);
    }
    heatmaps.setEmptyText(empty);
    confusions.setEmptyText(empty);
    loss.clear();
    accuracy.clear();
    means.clear();
    bias.clear();
    bias.setTitle(c.bias().title());
    bias.setYLabel(c.bias().symbol());
    if (c.bias() != logFor) { // a quantity's own scale when chosen; the reader may change it after
      bias.setLogY(c.bias().logScale());
      logFor = c.bias();
    }
    List<RunStyles.Style> styles =
        RunStyles.of(shown.stream().map(r -> List.of(r.spec())).toList());
    List<Bars.Histogram> hists = new ArrayList<>();
    Set<String> marked = new HashSet<>();
    for (int i = 0; i < shown.size(); i++) {
      LiveRun r = shown.get(i);
      RunStyles.Style style = styles.get(i);
      loss.add(style.apply(Line.of(r.label() + " train", 0, r.trainLoss)));
      loss.add(style.apply(Line.of(r.label() + " test", 0, r.testLoss).withMarkers()));
      accuracy.add(style.apply(Line.of(r.label() + " train", 0, r.trainAcc)));
      accuracy.add(style.apply(Line.of(r.label() + " test", 0, r.testAcc).withMarkers()));
      LiveRun.DriftSeries d = r.drift.get(c.meansLayer());
      if ("network"
          .equals(
              c.meansLayer())) { // a stored run's files keep each layer's median, not all units'
        String what = r.stored() != null ? " (median of the layers' medians)" : "";
        means.add(marked(style.apply(Line.of(r.label() + what, 0, r.networkMedian))));
      } else if (d != null) {
        means.add(marked(style.apply(new Line(r.label(), 0, false, d.median(), d.q25(), d.q75()))));
      }
      for (SettingChange change : r.changes) {
        if (!marked.add(change.step() + " " + change.label())) {
          continue; // a fork's inherited change is its parent's marker
        }
        LineChart.Marker m = new LineChart.Marker(change.step(), change.label(), style.argb());
        for (LineChart chart : List.of(loss, accuracy, means, bias)) {
          chart.addMarker(m);
        }
      }
      LiveRun.BiasSeries b = r.biasShift.get(c.biasLayer());
      if (b != null) {
        bias.add(style.apply(Line.of(r.label(), 0, c.bias().of(b)).withMarkers())); // probe steps
      }
      for (Histogram h : r.histograms) {
        if (h.layer().equals(c.histLayer())) {
          hists.add(
              new Bars.Histogram(
                  r.label() + " @" + h.step(), style.argb(), h.lo(), h.hi(), h.counts()));
        }
      }
    }
    histogram.set(hists);
    histogram.setEmptyText(
        shown.stream()
            .map(LiveRun::histogramWait)
            .filter(w -> w != null)
            .findFirst()
            .orElse(empty));
    // a budget that has not yet paid for a probe says so where the probe's points would be
    String probeWait =
        shown.stream().map(LiveRun::probeWait).filter(w -> w != null).findFirst().orElse(empty);
    bias.setEmptyText(probeWait);
    biasLayers.setEmptyText(probeWait);
    means.setEmptyText(
        shown.stream().map(LiveRun::rowWait).filter(w -> w != null).findFirst().orElse(empty));
    biasLayers.set(
        ALL_LAYERS.equals(c.biasLayer()) ? biasPanels(shown, styles, c.bias()) : List.of());
    if (c.theory()) { // each activation's E[f(x)] under N(0, 1), and zero
      TheoryGuides.of(shown.stream().map(r -> r.spec().activation()).toList())
          .forEach(means::addGuide);
    }
    if (!c.panels()) {
      return;
    }
    boolean several =
        shown.size() > 1; // then the panels' header names the chart, each panel its run
    heatmaps.set(
        shared(
            shown.stream()
                .map(r -> heatmap(r, several ? "" : "Median unit mean per layer: "))
                .toList()));
    confusions.set(shown.stream().map(r -> confusion(r, several ? "" : "Confusion: ")).toList());
  }

  /**
   * One chart per receiving layer (in the network's order, each titled with the layer that receives
   * the units, e.g. conv3 for act2's), each with every shown run's curve of the quantity: ELU and
   * ReLU side by side, layer by layer.
   */
  private static List<LineChart> biasPanels(
      List<LiveRun> shown, List<RunStyles.Style> styles, BiasQuantity q) {
    List<String> layers = new ArrayList<>();
    shown.forEach(
        r -> r.biasShift.keySet().stream().filter(k -> !layers.contains(k)).forEach(layers::add));
    List<LineChart> out = new ArrayList<>();
    for (String layer : layers) {
      LineChart chart = new LineChart(layer, "step", q.symbol()); // receives the layer before's
      chart.setIncludeZero(!q.logScale());
      chart.setLogY(q.logScale());
      for (int i = 0; i < shown.size(); i++) {
        LiveRun.BiasSeries b = shown.get(i).biasShift.get(layer);
        if (b != null) {
          String label = out.isEmpty() ? shown.get(i).label() : ""; // one legend, in the first
          chart.add(styles.get(i).apply(Line.of(label, 0, q.of(b)).withMarkers()));
        }
      }
      out.add(chart);
    }
    return out;
  }

  /** The heatmaps on one colour scale, so that equal colours mean equal values across runs. */
  private static List<Heatmap> shared(List<Heatmap> maps) {
    double extent = maps.stream().mapToDouble(Heatmap::dataExtent).max().orElse(1);
    maps.forEach(h -> h.setExtent(extent));
    return maps;
  }

  private static Heatmap heatmap(LiveRun run, String what) {
    Heatmap h = new Heatmap(what + run.label(), "step", "layer", true);
    if (run.drift.isEmpty()) {
      return h;
    }
    List<String> layers = new ArrayList<>(run.drift.keySet());
    Series first = run.drift.get(layers.get(0)).median();
    int columns = first.size();
    double[][] v = new double[layers.size()][columns];
    List<String> steps = new ArrayList<>();
    for (int c = 0; c < columns; c++) {
      steps.add(Long.toString((long) first.x(c)));
    }
    for (int l = 0; l < layers.size(); l++) {
      Series median = run.drift.get(layers.get(l)).median();
      for (int c = 0; c < columns; c++) {
        v[l][c] = c < median.size() ? median.y(c) : Double.NaN;
      }
    }
    h.set(layers, steps, v);
    return h;
  }

  /** Shares of each true class (rows) predicted as each class, with the classes' names. */
  private static Heatmap confusion(LiveRun run, String what) {
    if (run.lastEval == null) {
      String why = run.stored() != null ? " (not stored: shown while a run trains)" : "";
      return new Heatmap(what + run.label() + why, "predicted", "true class", false);
    }
    Heatmap h =
        new Heatmap(
            what + run.label() + ", step " + run.lastEval.step(),
            "predicted",
            "true class (its accuracy)",
            false);
    int[][] counts = run.lastEval.confusion();
    double[] perClass = run.lastEval.perClassAccuracy();
    double[][] share = new double[counts.length][counts.length];
    List<String> rows = new ArrayList<>();
    List<String> cols = new ArrayList<>();
    List<String> names = run.classNames;
    for (int t = 0; t < counts.length; t++) {
      int total = Arrays.stream(counts[t]).sum();
      for (int p = 0; p < counts.length; p++) {
        share[t][p] = total == 0 ? Double.NaN : (double) counts[t][p] / total;
      }
      String name = t < names.size() ? names.get(t) : Integer.toString(t);
      rows.add(name + String.format(Locale.ROOT, " (%.0f%%)", 100 * perClass[t]));
      cols.add(name);
    }
    h.set(rows, cols, share);
    return h;
  }
}
