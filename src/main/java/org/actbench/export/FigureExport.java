package org.actbench.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.actbench.chart.Annotated;
import org.actbench.chart.Bars;
import org.actbench.chart.Callout;
import org.actbench.chart.Exports;
import org.actbench.chart.Figure;
import org.actbench.chart.Heatmap;
import org.actbench.chart.Line;
import org.actbench.chart.LineChart;
import org.actbench.chart.Palette;
import org.actbench.chart.Panels;
import org.actbench.chart.Series;
import org.actbench.data.DatasetLocator;
import org.actbench.data.SampleSource;
import org.actbench.engine.InvalidField;
import org.actbench.engine.NativeBackend;
import org.actbench.engine.activation.Activation;
import org.actbench.engine.activation.ActivationKind;
import org.actbench.engine.train.SettingChange;
import org.actbench.experiment.Compare;
import org.actbench.experiment.Comparison;
import org.actbench.experiment.CsvRecords;
import org.actbench.experiment.EventsCsv;
import org.actbench.experiment.ForkComparison;
import org.actbench.experiment.Json;
import org.actbench.experiment.Metric;
import org.actbench.experiment.MetricsCsv;
import org.actbench.experiment.RunData;
import org.actbench.experiment.RunStore;
import org.actbench.experiment.Smoothing;
import org.actbench.metrics.Saturation;
import org.apache.commons.csv.CSVPrinter;

/**
 * Builds one chart of stored runs and writes it with its sidecars: {@code FILE}, {@code FILE.json}
 * (what was drawn from what: runs, specs, grouping, smoothing, version, git commit, ND4J backend)
 * and {@code FILE.csv} (every value drawn).
 */
public final class FigureExport {
  /** The charts there are, by id ({@link ChartKind}). */
  public static final List<String> CHARTS =
      Arrays.stream(ChartKind.values()).map(ChartKind::id).toList();

  /**
   * @param runs the runs drawn (usable ones)
   * @param groupBy fields to group by (empty: one group per run)
   * @param metric overrides the chart's metric (null: the chart's own)
   * @param layer activation layer for per-layer metrics (null: median over layers)
   * @param pairedWith for line charts: draw each group minus the group whose first field has this
   *     value, seed by seed (same initial weights), instead of the groups; null for none
   * @param envelope with smoothing: also draw, faint, the minimum and maximum of the raw mean
   *     within each smoothing window, so what the smoothing flattened stays visible
   * @param theory on a unit-means chart of unit means (not a paired difference): each activation's
   *     expected mean under N(0, 1) and the zero mean as labelled dashed lines ({@link
   *     TheoryGuides})
   */
  public record Request(
      ChartKind chart,
      List<RunStore.Entry> runs,
      List<String> groupBy,
      String metric,
      String layer,
      Smoothing smoothing,
      Exports.Format format,
      double width,
      double height,
      int dpi,
      boolean logY,
      String pairedWith,
      boolean envelope,
      boolean theory) {
    /** A page up to 5 m wide: anything larger is a typo. */
    public static final double MAX_POINTS = 14_400;

    public Request {
      checkPage(width, height, dpi);
    }

    /** A page of 10 points to 5 m a side, at 10 to 2400 dots per inch. */
    public static void checkPage(double width, double height, int dpi) {
      InvalidField.finiteIn(width, 10, MAX_POINTS, "width");
      InvalidField.finiteIn(height, 10, MAX_POINTS, "height");
      InvalidField.inRange(dpi, 10, 2400, "dpi");
    }
  }

  /** One drawn value, for the CSV. */
  private record Row(String series, double x, double y, double low, double high, double raw) {}

  private FigureExport() {}

  public static String defaultMetric(ChartKind chart) {
    return chart.defaultMetric();
  }

  /**
   * Draws and writes the figure with its callouts ({@link ChartCallouts}, the explorer's from the
   * folder holding the runs) and its sidecars; returns the figure.
   */
  public static Figure write(Request r, Path out) throws IOException {
    return write(r, out, null);
  }

  /**
   * As {@link #write(Request, Path)}, the explorer's callouts from {@code store} (null: as there).
   */
  public static Figure write(Request r, Path out, Path store) throws IOException {
    List<Row> rows = new ArrayList<>();
    Figure figure = build(r, rows);
    String metric = r.metric() != null ? r.metric() : defaultMetric(r.chart());
    List<Callout> callouts = ChartCallouts.of(r, store);
    Figure drawn = callouts.isEmpty() ? figure : new Annotated(figure, callouts);
    Exports.write(drawn, r.format(), out, r.width(), r.height(), r.dpi());
    writeCsv(Path.of(out + ".csv"), rows);
    writeSidecar(r, metric, out, callouts);
    return figure;
  }

  /** The figure a request describes, without writing it (the window shows it). */
  public static Figure figure(Request r) throws IOException {
    return build(r, new ArrayList<>());
  }

  private static Figure build(Request r, List<Row> rows) throws IOException {
    if (r.runs().isEmpty() && r.chart() != ChartKind.EXPLORER) {
      throw new IllegalArgumentException("no usable runs to draw: check --store and --runs");
    }
    String metric = r.metric() != null ? r.metric() : defaultMetric(r.chart());
    Figure figure =
        switch (r.chart()) {
          case UNIT_MEAN_HEATMAP -> heatmap(r, rows);
          case HISTOGRAM -> histogram(r, rows);
          case EXPLORER -> explorer(r, rows);
          case LOSS, ACCURACY, UNIT_MEANS, BIAS_SHIFT -> lines(r, metric, rows);
        };
    if (figure instanceof LineChart chart) {
      if (chart.lines().stream().allMatch(l -> l.series().size() == 0)) { // no empty figure
        throw new IllegalArgumentException(
            "no "
                + metric
                + " logged yet in "
                + r.runs().stream().map(RunStore.Entry::id).toList()
                + ": nothing to draw");
      }
      chart.setLogY(r.logY());
      axes(chart, r.chart(), metric, r.pairedWith() != null);
      boolean means =
          metric != null && (metric.startsWith("unit_mean") || metric.equals("output_mean"));
      if (r.theory() && means && r.pairedWith() == null) {
        TheoryGuides.of(r.runs().stream().map(e -> e.spec().activation()).toList())
            .forEach(chart::addGuide);
      }
    }
    String caption = presetCaption(r.runs());
    if (caption != null && figure instanceof LineChart chart) {
      chart.setCaption(caption);
    }
    return figure;
  }

  /**
   * What the y axis starts from: a loss leaves out its first steps when they lie far off the rest;
   * signed quantities (unit means, paired differences, f and f′) always show zero.
   */
  private static void axes(LineChart chart, ChartKind name, String metric, boolean paired) {
    chart.setTrimStart(metric != null && metric.endsWith("_loss"));
    chart.setIncludeZero(paired || name == ChartKind.EXPLORER || SIGNED.contains(metric));
  }

  private static final List<String> SIGNED =
      List.of(
          "unit_mean_median",
          "unit_mean_q25",
          "unit_mean_q75",
          "input_mean",
          "output_mean",
          "natgrad_cosine");

  private static void writeSidecar(Request r, String metric, Path out, List<Callout> callouts)
      throws IOException {
    Map<String, Object> sidecar = new LinkedHashMap<>();
    sidecar.put("chart", r.chart().id());
    sidecar.put("format", r.format().extension());
    sidecar.put("metric", metric);
    sidecar.put("layer", r.layer());
    sidecar.put("groupBy", r.groupBy());
    sidecar.put("pairedWith", r.pairedWith());
    sidecar.put("envelope", r.envelope());
    sidecar.put("theory", r.theory());
    sidecar.put("calloutsKey", ChartCallouts.key(r));
    sidecar.put("callouts", callouts);
    sidecar.put("smoothing", r.smoothing().id());
    sidecar.put("size", List.of(r.width(), r.height(), r.dpi()));
    sidecar.put("logY", r.logY());
    Map<String, Object> runs = new LinkedHashMap<>();
    for (RunStore.Entry e : r.runs()) {
      runs.put(e.id(), e.spec());
    }
    sidecar.put("runs", runs);
    // what ran the runs' layers, from their specs ("nd4j" for runs older than the choice)
    sidecar.put(
        "kernels",
        r.runs().stream().map(e -> e.spec().kernels().id()).distinct().sorted().toList());
    sidecar.put("setupNotes", presets(r));
    String metricName = metric;
    if (metricName != null && r.chart().isLineChart() && !r.runs().isEmpty()) {
      Comparison c = comparison(r, metricName);
      sidecar.put("groupedBy", c.groupBy());
      sidecar.put("notes", c.notes());
    }
    sidecar.put("actbenchVersion", version());
    sidecar.put("gitCommit", gitCommit());
    sidecar.put("nd4jBackend", NativeBackend.describe());
    Path store = r.runs().isEmpty() ? null : r.runs().get(0).dir().toAbsolutePath().getParent();
    sidecar.put(
        "regenerate",
        "java -jar target/actbench.jar export"
            + (store == null ? "" : " --store " + shellQuote(store.toString()))
            + (runs.isEmpty() ? "" : " --runs " + shellQuote(String.join(",", runs.keySet())))
            + (r.groupBy().isEmpty() ? "" : " --group-by " + String.join(",", r.groupBy()))
            + " --chart "
            + r.chart()
            + (r.metric() != null ? " --metric " + r.metric() : "")
            + (r.layer() != null ? " --layer " + r.layer() : "")
            + " --smooth "
            + r.smoothing().id()
            + (r.logY() ? " --log-y" : "")
            + (r.pairedWith() != null ? " --paired-with " + r.pairedWith() : "")
            + (r.envelope() ? " --envelope" : "")
            + " --format "
            + r.format().extension()
            + " --out "
            + shellQuote(out.getFileName().toString()));
    Json.write(Path.of(out + ".json"), sidecar);
  }

  /** A word for a POSIX shell: as it is if plain, else in single quotes. */
  static String shellQuote(String word) {
    return word.matches("[A-Za-z0-9_./:=,+@%-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
  }

  /**
   * "Export all": every chart of a comparison into {@code dir} in one format, and {@code index.md}
   * listing them. Charts with nothing to draw for these runs are listed as skipped, with why, and
   * told to {@code skipped} ("histogram: no histogram logged yet in ...").
   */
  public static List<Path> writeAll(Request template, Path dir, Consumer<String> skipped)
      throws IOException {
    java.nio.file.Files.createDirectories(dir);
    List<Path> written = new ArrayList<>();
    StringBuilder index = new StringBuilder("# ActBench figures\n\n");
    index
        .append("Runs: ")
        .append(template.runs().stream().map(RunStore.Entry::id).toList())
        .append("  \n");
    index
        .append("Grouped by: ")
        .append(template.groupBy())
        .append(", smoothing: ")
        .append(template.smoothing().id())
        .append(", version ")
        .append(version())
        .append(", commit ")
        .append(gitCommit())
        .append("\n\n");
    for (ChartKind chart : ChartKind.values()) {
      Request r =
          new Request(
              chart,
              template.runs(),
              template.groupBy(),
              null,
              template.layer(),
              template.smoothing(),
              template.format(),
              template.width(),
              template.height(),
              template.dpi(),
              template.logY() && chart != ChartKind.EXPLORER,
              template.pairedWith(),
              template.envelope(),
              template.theory());
      Path file = dir.resolve(chart + "." + template.format().extension());
      try {
        write(r, file);
        written.add(file);
        index
            .append("- [")
            .append(chart)
            .append("](")
            .append(file.getFileName())
            .append(") with `")
            .append(file.getFileName())
            .append(".json` and `.csv`\n");
      } catch (IOException | RuntimeException e) {
        index.append("- ").append(chart).append(": skipped (").append(e.getMessage()).append(")\n");
        skipped.accept(chart + ": " + e.getMessage());
      }
    }
    java.nio.file.Files.writeString(dir.resolve("index.md"), index.toString());
    return written;
  }

  /**
   * "Paper preset figure2 (4 of 6 runs) at small scale, not the paper's setup": only when some of
   * the drawn runs come from a preset, naming which; null otherwise.
   */
  static String presetCaption(List<RunStore.Entry> runs) {
    Map<String, Long> byPreset = new LinkedHashMap<>();
    for (RunStore.Entry e : runs) {
      org.actbench.experiment.Preset.ofTags(e.meta().tags())
          .ifPresent(p -> byPreset.merge(p.id(), 1L, Long::sum));
    }
    if (byPreset.isEmpty()) {
      return null;
    }
    long n = byPreset.values().stream().mapToLong(Long::longValue).sum();
    return "Paper preset "
        + String.join(", ", byPreset.keySet())
        + (n == runs.size() ? "" : " (" + n + " of " + runs.size() + " runs)")
        + " at small scale, not the paper's setup (details in the .json)";
  }

  /** How the presets among the runs differ from the paper, one text per preset. */
  private static List<String> presets(Request r) {
    List<String> notes = new ArrayList<>();
    for (RunStore.Entry e : r.runs()) {
      org.actbench.experiment.Preset.ofTags(e.meta().tags())
          .ifPresent(
              p -> {
                int seeds =
                    (int)
                        r.runs().stream()
                            .filter(x -> x.meta().tags().contains(p.tag()))
                            .map(x -> x.spec().seed())
                            .distinct()
                            .count();
                int steps = e.spec().steps();
                boolean sample = e.spec().data().equals(DatasetLocator.SAMPLE);
                String note =
                    p.title()
                        + ": "
                        + (sample
                            ? p.differences(
                                seeds,
                                steps,
                                SampleSource.TITLE,
                                (double) steps * e.spec().batch() / SampleSource.TRAIN_IMAGES)
                            : p.differences(seeds, steps));
                if (!notes.contains(note)) {
                  notes.add(note);
                }
              });
    }
    return notes;
  }

  private static String label(String metric) {
    return metric.replace('_', ' ');
  }

  /**
   * The comparison behind a line chart: with {@code --group-by}, groups of seeds; without, one line
   * per distinct run (identical runs merged, and said so in the sidecar).
   */
  public static Comparison comparison(Request r, String metric) {
    List<String> by = r.groupBy().isEmpty() ? Comparison.PER_RUN : r.groupBy();
    return Comparison.of(r.runs(), by, Metric.parse(metric), r.layer());
  }

  /** "relu (n=3 seeds, 95% CI)", "relu (n=1, no band)", or a run's own name. */
  private static String legend(Compare.Band b, String label, boolean perRun) {
    return perRun
        ? label
        : label + (b.hasInterval() ? " (n=" + b.n() + " seeds, 95% CI)" : " (n=1, no band)");
  }

  /** {@code pairedWith} for forks: each fork minus its parent's continuation. */
  public static final String PARENT = "parent";

  /**
   * Forks aligned at their fork step, minus their parents' continuations ({@link ForkComparison}):
   * x counts the steps since the fork.
   */
  private static Figure forks(Request r, String metric, List<Row> rows) {
    List<String> notes = new ArrayList<>();
    List<Compare.Band> bands = ForkComparison.differences(r.runs(), metric, r.layer(), notes);
    if (bands.isEmpty()) {
      throw new IllegalArgumentException(
          "no forks among the runs compared" + (notes.isEmpty() ? "" : ": " + notes.get(0)));
    }
    LineChart chart =
        new LineChart(
            title(r, metric) + ", forks minus their parents (paired, aligned at the fork)",
            "steps since the fork",
            "difference in " + label(metric));
    chart.setIncludeZero(true);
    int i = 0;
    for (Compare.Band d : bands) {
      chart.add(
          new Line(
              legend(d, d.label(), false),
              Palette.categorical(i++),
              false,
              series(d.steps(), d.mean()),
              d.hasInterval() ? series(d.steps(), d.low()) : null,
              d.hasInterval() ? series(d.steps(), d.high()) : null));
      for (int k = 0; k < d.steps().length; k++) {
        rows.add(
            new Row(d.label(), d.steps()[k], d.mean()[k], d.low()[k], d.high()[k], Double.NaN));
      }
    }
    if (!notes.isEmpty()) {
      chart.setCaption(String.join("; ", notes));
    }
    return chart;
  }

  /** Per group, its paired difference to the baseline group (runs paired one to one by seed). */
  private static Figure paired(Request r, String metric, List<Row> rows) {
    if (r.groupBy().isEmpty()) {
      throw new IllegalArgumentException(
          "paired differences need --group-by (the first field is what is paired)");
    }
    LineChart chart =
        new LineChart(
            title(r, metric) + ", minus " + r.pairedWith() + " (paired by seed)",
            "step",
            "difference in " + label(metric));
    Comparison c = comparison(r, metric);
    Map<Comparison.Group, Comparison.Group> pairs = c.pairs(r.pairedWith());
    List<RunStyles.Style> styles =
        RunStyles.of(pairs.keySet().stream().map(g -> specs(g.runs())).toList());
    int i = 0;
    for (Map.Entry<Comparison.Group, Comparison.Group> pair : pairs.entrySet()) {
      Compare.Band d = c.difference(pair.getKey(), pair.getValue(), r.smoothing());
      RunStyles.Style style = styles.get(i++);
      Line line =
          new Line(
              legend(d, d.label(), false),
              style.argb(),
              false,
              series(d.steps(), d.mean()),
              d.hasInterval() ? series(d.steps(), d.low()) : null,
              d.hasInterval() ? series(d.steps(), d.high()) : null);
      chart.add(line.withDash(style.dash()));
      for (int k = 0; k < d.steps().length; k++) {
        rows.add(
            new Row(d.label(), d.steps()[k], d.mean()[k], d.low()[k], d.high()[k], Double.NaN));
      }
    }
    if (chart.lines().isEmpty()) {
      throw new IllegalArgumentException(
          "no group pairs with '"
              + r.pairedWith()
              + "': its value must appear in the first"
              + " group-by field, e.g. relu for --group-by activation");
    }
    return chart;
  }

  /**
   * Center line per group with its 95 % band; with smoothing, the raw center drawn faint behind.
   */
  private static Figure lines(Request r, String metric, List<Row> rows) {
    if (PARENT.equals(r.pairedWith())) {
      return forks(r, metric, rows);
    }
    if (r.pairedWith() != null) {
      return paired(r, metric, rows);
    }
    LineChart chart = new LineChart(title(r, metric), "step", label(metric));
    Comparison c = comparison(r, metric);
    if (c.groups().isEmpty()) {
      throw new IllegalArgumentException("no run could be read: " + String.join("; ", c.notes()));
    }
    boolean smoothed = !(r.smoothing() instanceof Smoothing.None);
    List<RunStyles.Style> styles =
        RunStyles.of(c.groups().stream().map(g -> specs(g.runs())).toList());
    // evaluations and probe steps: few points, drawn as markers joined by a line
    boolean sparse =
        metric.startsWith("test_")
            || List.of("bias_shift_rho", "natgrad_cosine", "bias_shift_norm_ratio", "mu_norm")
                .contains(metric);
    int i = 0;
    Set<String> marked = new HashSet<>(); // a fork's inherited changes are its parent's markers
    for (Comparison.Group g : c.groups()) {
      RunStyles.Style style = styles.get(i++);
      int color = style.argb();
      Compare.Band rawBand = c.band(g, Smoothing.NONE);
      Compare.Band band = c.band(g, r.smoothing());
      String legend =
          legend(band, g.label(), r.groupBy().isEmpty())
              + (smoothed ? ", smoothed; raw faint" : "");
      if (smoothed) {
        chart.add(
            Line.of(
                "",
                Palette.withAlpha(color, 0.3),
                series(rawBand.steps(), rawBand.mean()))); // raw, faint
        if (r.envelope()) {
          double[][] env = envelope(rawBand.mean(), window(r.smoothing()));
          chart.add(
              new Line(
                  "",
                  Palette.withAlpha(color, 0.5),
                  true,
                  series(rawBand.steps(), env[0]),
                  null,
                  null));
          chart.add(
              new Line(
                  "",
                  Palette.withAlpha(color, 0.5),
                  true,
                  series(rawBand.steps(), env[1]),
                  null,
                  null));
        }
      }
      Line mean =
          new Line(
                  legend,
                  color,
                  false,
                  series(band.steps(), band.mean()),
                  band.hasInterval() ? series(band.steps(), band.low()) : null,
                  band.hasInterval() ? series(band.steps(), band.high()) : null)
              .withDash(style.dash());
      chart.add(sparse ? mean.withMarkers() : mean);
      markChanges(chart, g.runs(), color, marked);
      for (int k = 0; k < band.steps().length; k++) {
        rows.add(
            new Row(
                g.label(),
                band.steps()[k],
                band.mean()[k],
                band.low()[k],
                band.high()[k],
                k < rawBand.mean().length ? rawBand.mean()[k] : Double.NaN));
      }
    }
    return chart;
  }

  /**
   * The window a smoothing averages over: its own for a moving average, 2/(1 − w) − 1 for an EMA.
   */
  static int window(Smoothing s) {
    if (s instanceof Smoothing.Centred c) {
      return c.window();
    }
    if (s instanceof Smoothing.Ema e) {
      return Math.max(1, (int) Math.round(2 / (1 - e.weight()) - 1));
    }
    return 1;
  }

  /** {min, max} of values over a centred window at every index. */
  static double[][] envelope(double[] v, int window) {
    int h = window / 2;
    double[] lo = new double[v.length];
    double[] hi = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      lo[i] = Double.POSITIVE_INFINITY;
      hi[i] = Double.NEGATIVE_INFINITY;
      for (int j = Math.max(0, i - h); j <= Math.min(v.length - 1, i + h); j++) {
        lo[i] = Math.min(lo[i], v[j]);
        hi[i] = Math.max(hi[i], v[j]);
      }
    }
    return new double[][] {lo, hi};
  }

  private static String title(Request r, String metric) {
    String what =
        switch (r.chart()) {
          case LOSS -> "Training loss";
          case ACCURACY -> "Test accuracy";
          case UNIT_MEANS ->
              "Median unit mean"
                  + (r.layer() != null ? " (" + r.layer() + ")" : " (median over layers)");
          case BIAS_SHIFT ->
              "Bias shift: "
                  + label(metric)
                  + (r.layer() != null ? " (" + r.layer() + ")" : " (median over layers)");
          case UNIT_MEAN_HEATMAP, HISTOGRAM, EXPLORER -> label(metric);
        };
    return what
        + (r.smoothing() instanceof Smoothing.None ? "" : ", smoothed " + r.smoothing().id());
  }

  /**
   * Each live change of the runs' learning rate or momentum as a marker (once per step and value).
   */
  private static void markChanges(
      LineChart chart, List<RunStore.Entry> runs, int argb, Set<String> drawn) {
    for (RunStore.Entry run : runs) {
      List<SettingChange> changes;
      try {
        changes = EventsCsv.read(run.dir().resolve(EventsCsv.FILE), "");
      } catch (IllegalArgumentException damaged) {
        continue; // markers only; the curves say what is damaged
      }
      for (SettingChange c : changes) {
        String label = c.label();
        if (drawn.add(c.step() + " " + label)) {
          chart.addMarker(new LineChart.Marker(c.step(), label, argb));
        }
      }
    }
  }

  private static List<org.actbench.experiment.TrainSpec> specs(List<RunStore.Entry> runs) {
    return runs.stream().map(RunStore.Entry::spec).toList();
  }

  private static Series series(double[] x, double[] y) {
    Series s = new Series();
    for (int i = 0; i < x.length; i++) {
      s.add(x[i], y[i]);
    }
    return s;
  }

  /**
   * Layer × step medians (or the request's metric) as small multiples: one heatmap per group, the
   * mean over its runs (one per run when not grouped), titled, on one shared colour scale. Runs
   * that logged nothing yet, and damaged ones, are left out: one damaged run harms only itself.
   */
  private static Figure heatmap(Request r, List<Row> rows) {
    String metric =
        r.metric() != null && RunData.LAYER_METRICS.contains(r.metric())
            ? r.metric()
            : "unit_mean_median";
    String what = metric.equals("unit_mean_median") ? "Median unit mean" : label(metric);
    List<Heatmap> panels = new ArrayList<>();
    boolean any = false;
    for (Comparison.Group group : comparison(r, metric).groups()) {
      List<Map<String, RunData.Curve>> perRun = new ArrayList<>();
      for (RunStore.Entry run : group.runs()) {
        Map<String, RunData.Curve> byLayer;
        try {
          byLayer = RunData.layerCurves(run.dir(), metric);
        } catch (IllegalArgumentException damaged) {
          continue; // the comparison read its median; a damaged row further on harms this run only
        }
        if (byLayer.values().stream().anyMatch(c -> c.size() > 0)) {
          perRun.add(byLayer);
        }
      }
      int n = perRun.size();
      String title = group.label() + (group.runs().size() > 1 ? " (mean of " + n + " runs)" : "");
      Heatmap h = new Heatmap(title, "step", "layer", true);
      panels.add(h);
      any |= n > 0;
      java.util.SortedSet<Double> stepSet = new java.util.TreeSet<>();
      List<String> layers = new ArrayList<>();
      for (Map<String, RunData.Curve> byLayer : perRun) {
        byLayer.values().forEach(c -> Arrays.stream(c.steps()).forEach(stepSet::add));
        byLayer.keySet().stream().filter(l -> !layers.contains(l)).forEach(layers::add);
      }
      List<Double> steps = new ArrayList<>(stepSet);
      double[][] sum = new double[layers.size()][steps.size()];
      int[][] count = new int[layers.size()][steps.size()];
      for (Map<String, RunData.Curve> byLayer : perRun) {
        byLayer.forEach(
            (layer, c) -> {
              for (int k = 0; k < c.size(); k++) {
                int l = layers.indexOf(layer);
                int at = steps.indexOf(c.steps()[k]);
                sum[l][at] += c.values()[k];
                count[l][at]++;
              }
            });
      }
      double[][] v = new double[layers.size()][steps.size()];
      for (int l = 0; l < layers.size(); l++) {
        for (int k = 0; k < steps.size(); k++) {
          v[l][k] = count[l][k] == 0 ? Double.NaN : sum[l][k] / count[l][k];
          rows.add(
              new Row(
                  group.label() + " " + layers.get(l),
                  steps.get(k),
                  v[l][k],
                  Double.NaN,
                  Double.NaN,
                  v[l][k]));
        }
      }
      h.set(layers, steps.stream().map(MetricsCsv::fmtStep).toList(), v);
    }
    if (!any) {
      throw new IllegalArgumentException(
          "no per-layer measurements logged yet in "
              + r.runs().stream().map(RunStore.Entry::id).toList()
              + ": nothing to draw");
    }
    double extent = panels.stream().mapToDouble(Heatmap::dataExtent).max().orElse(1);
    panels.forEach(h -> h.setExtent(extent));
    return panels.size() == 1
        ? panels.get(0)
        : new Panels(
            what + " per layer, one panel per " + (r.groupBy().isEmpty() ? "run" : "group"),
            panels);
  }

  /**
   * Each run's last histogram of the layer (default: the first layer). Runs without one yet are
   * named in the title; with none at all there is nothing to export.
   */
  private static Figure histogram(Request r, List<Row> rows) {
    List<Bars.Histogram> hs = new ArrayList<>();
    List<String> without = new ArrayList<>();
    List<RunStyles.Style> styles =
        RunStyles.of(r.runs().stream().map(e -> List.of(e.spec())).toList());
    int i = 0;
    List<String> leftOut = new ArrayList<>();
    for (RunStore.Entry e : r.runs()) {
      RunStyles.Style style = styles.get(i++);
      RunData.StoredHistogram h;
      try {
        h =
            Files.exists(e.dir().resolve("histograms.csv"))
                ? RunData.lastHistogram(e.dir(), r.layer())
                : null;
      } catch (IllegalArgumentException damaged) { // one damaged run harms only itself
        leftOut.add(e.id() + " (" + damaged.getMessage() + ")");
        continue;
      }
      if (h == null) {
        without.add(e.id());
        continue;
      }
      double width = (h.hi() - h.lo()) / h.counts().length;
      for (int b = 0; b < h.counts().length; b++) {
        double lo = h.lo() + b * width;
        rows.add(
            new Row(
                e.id() + " " + h.layer() + " @" + h.step(),
                lo,
                h.counts()[b],
                lo,
                lo + width,
                Double.NaN));
      }
      hs.add(
          new Bars.Histogram(e.id() + " @" + h.step(), style.argb(), h.lo(), h.hi(), h.counts()));
    }
    if (hs.isEmpty()) {
      throw new IllegalArgumentException(
          "no histogram"
              + (r.layer() != null ? " of " + r.layer() : "")
              + " logged yet in "
              + without
              + (leftOut.isEmpty() ? "" : "; left out: " + String.join(", ", leftOut))
              + ": nothing to draw");
    }
    Bars bars =
        new Bars(
            "Activation values"
                + (r.layer() != null ? " (" + r.layer() + ")" : "")
                + (without.isEmpty() ? "" : "; no histogram yet: " + String.join(", ", without))
                + (leftOut.isEmpty() ? "" : "; damaged: " + leftOut.size()),
            "activation value");
    bars.set(hs);
    return bars;
  }

  /** f and f′ of the runs' activations (or ELU, ReLU, SELU without runs). */
  private static Figure explorer(Request r, List<Row> rows) {
    LineChart chart =
        new LineChart("Activation functions: f (solid) and f′ (dashed)", "x", "f(x), f′(x)");
    List<Activation> acts = new ArrayList<>();
    for (RunStore.Entry e : r.runs()) {
      if (!e.spec().activation().isPrelu()
          && acts.stream()
              .noneMatch(a -> a.label().equals(e.spec().activation().activation().label()))) {
        acts.add(e.spec().activation().activation());
      }
    }
    if (acts.isEmpty()) {
      acts =
          Stream.of(ActivationKind.ELU, ActivationKind.RELU, ActivationKind.SELU)
              .map(k -> k.activation(null, null))
              .toList();
    }
    for (Activation f : acts) {
      List<Line> lines = activationLines(f, RunStyles.colour(f.id()), false);
      Series value = lines.get(0).series();
      Series slope = lines.get(1).series();
      for (int k = 0; k < value.size(); k++) {
        rows.add(new Row(f.label(), value.x(k), value.y(k), Double.NaN, Double.NaN, slope.y(k)));
      }
      lines.forEach(chart::add);
    }
    return chart;
  }

  /**
   * f (solid) and f′ (dashed) on [−5, 5] at 401 points; with {@code shadeFlat}, f carries a band on
   * the x axis where |f′| is below {@link Saturation#SLOPE}. The explorer tab draws the same.
   */
  public static List<Line> activationLines(Activation f, int color, boolean shadeFlat) {
    Series value = new Series();
    Series slope = new Series();
    Series flatLow = shadeFlat ? new Series() : null;
    Series flatHigh = shadeFlat ? new Series() : null;
    for (int k = 0; k <= 400; k++) {
      double x = -5 + k * 0.025;
      value.add(x, f.f(x));
      slope.add(x, f.df(x));
      if (shadeFlat) {
        boolean flat = Math.abs(f.df(x)) < Saturation.SLOPE;
        flatLow.add(x, flat ? -Saturation.SLOPE : Double.NaN);
        flatHigh.add(x, flat ? Saturation.SLOPE : Double.NaN);
      }
    }
    return List.of(
        new Line(f.label(), color, false, value, flatLow, flatHigh),
        new Line(f.label() + " f′", color, true, slope, null, null));
  }

  private static void writeCsv(Path file, List<Row> rows) throws IOException {
    try (CSVPrinter w = new CSVPrinter(Files.newBufferedWriter(file), CsvRecords.FORMAT)) {
      w.printRecord("series", "x", "y", "ci_low", "ci_high", "raw");
      for (Row row : rows) { // a series named "elu, α=0.5" stays so: quoted, not rewritten
        w.printRecord(
            row.series(),
            MetricsCsv.fmtStep(row.x()),
            fmt(row.y()),
            fmt(row.low()),
            fmt(row.high()),
            fmt(row.raw()));
      }
    }
  }

  private static String fmt(double v) {
    return MetricsCsv.fmt(v);
  }

  /** The version from the jar's manifest, or "dev" when run from classes. */
  public static String version() {
    String v = FigureExport.class.getPackage().getImplementationVersion();
    return v != null ? v : "dev";
  }

  /** The commit the jar was built from (git.properties, written by the build), or "unknown". */
  static String gitCommit() {
    try (InputStream in = FigureExport.class.getResourceAsStream("/org/actbench/git.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      String id = p.getProperty("git.commit.id.abbrev", "unknown");
      return "true".equals(p.getProperty("git.dirty")) ? id + "-dirty" : id;
    } catch (IOException e) {
      return "unknown";
    }
  }
}
