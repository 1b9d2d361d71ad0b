package org.actbench.experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One metric of one run as (step, value) pairs, read from {@code metrics.csv} or, for per-layer
 * metrics, {@code layers.csv}. Every line is checked; a bad one is reported with its file, line and
 * column. A last line cut short by a crash (no line end) is ignored: it was never complete.
 */
public final class RunData {
  private RunData() {}

  /**
   * (steps, values) of a metric; empty cells (e.g. test accuracy between evaluations) are skipped.
   */
  public record Curve(double[] steps, double[] values) {
    public int size() {
      return steps.length;
    }
  }

  /** The columns a metric can come from. */
  public static final List<String> STEP_METRICS = Metric.columns(false);

  public static final List<String> LAYER_METRICS = Metric.columns(true);

  /**
   * @param layer for a layer metric: the activation layer ({@code act1}...), or null for the median
   *     over layers of that step (a network-wide summary)
   */
  public static Curve curve(Path runDir, String metric, String layer) {
    if (STEP_METRICS.contains(metric)) {
      return read(runDir.resolve("metrics.csv"), metric, null, null);
    }
    if (LAYER_METRICS.contains(metric)) {
      return read(runDir.resolve("layers.csv"), metric, "layer", layer);
    }
    throw new IllegalArgumentException(
        "metric must be one of "
            + String.join(", ", STEP_METRICS)
            + ", "
            + String.join(", ", LAYER_METRICS)
            + "; got '"
            + metric
            + "'");
  }

  private static final List<String> TEXT_COLUMNS = List.of("layer", "receiver");

  /** The last step written to a metrics.csv (0 if none yet). */
  static long lastStep(Path metricsCsv) {
    Curve c = read(metricsCsv, "step", null, null);
    return c.size() == 0 ? 0 : (long) c.values()[c.size() - 1];
  }

  /**
   * A CSV file read whole: its header and its complete rows ({@link CsvRecords}), every cell
   * checked (numbers where a number belongs), so damage anywhere is reported with file, line and
   * column.
   *
   * @param lines the line each row starts on
   */
  private record Table(Path file, List<String> header, List<String[]> rows, int[] lines) {
    static Table read(Path file) {
      CsvRecords csv = CsvRecords.read(file);
      if (csv.cells().isEmpty()) {
        throw new IllegalArgumentException(file.getFileName() + ": empty, expected a header line");
      }
      List<String> header = Arrays.asList(csv.cells().get(0));
      List<String[]> rows = csv.cells().subList(1, csv.cells().size());
      int[] lines = Arrays.copyOfRange(csv.lines(), 1, csv.lines().length);
      for (int i = 0; i < rows.size(); i++) {
        String[] cells = rows.get(i);
        if (cells.length != header.size()) {
          throw new IllegalArgumentException(
              file.getFileName()
                  + " line "
                  + lines[i]
                  + ": expected "
                  + header.size()
                  + " columns, got "
                  + cells.length);
        }
        for (int c = 0; c < cells.length; c++) {
          if (!cells[c].isEmpty() && !TEXT_COLUMNS.contains(header.get(c))) {
            RunData.number(file, lines[i], header, c, cells[c]);
          }
        }
      }
      return new Table(file, header, rows, lines);
    }

    /** The column's index; -1 if the file has none. */
    int at(String column) {
      return header.indexOf(column);
    }

    /** Row {@code r}'s number in {@code column} (checked when read). */
    double number(int r, int column) {
      return RunData.number(file, lines[r], header, column, rows.get(r)[column]);
    }
  }

  /**
   * One activation layer's moments at a logged step: mean and variance of its inputs x and of its
   * outputs f(x), as {@code layers.csv} has them.
   */
  public record LayerMoments(
      long step,
      String layer,
      double inputMean,
      double inputVariance,
      double outputMean,
      double outputVariance) {}

  /**
   * Every activation layer's moments at the last step that has them, in layer order; empty for a
   * run that has none yet or was written before these columns existed.
   */
  public static List<LayerMoments> lastLayerMoments(Path runDir) {
    Path file = runDir.resolve("layers.csv");
    if (!Files.exists(file)) {
      return List.of();
    }
    Table t = Table.read(file);
    int[] at = {
      t.at("step"),
      t.at("layer"),
      t.at("input_mean"),
      t.at("input_var"),
      t.at("output_mean"),
      t.at("output_var")
    };
    if (Arrays.stream(at).anyMatch(c -> c < 0)) {
      return List.of(); // an older run: no moments
    }
    List<LayerMoments> last = new ArrayList<>();
    for (int r = t.rows().size() - 1; r >= 0; r--) { // from the end: the last step with moments
      if (t.rows().get(r)[at[2]].isEmpty()) {
        continue;
      }
      long step = (long) t.number(r, at[0]);
      if (!last.isEmpty() && step != last.get(0).step()) {
        break;
      }
      last.add(
          0,
          new LayerMoments(
              step,
              t.rows().get(r)[at[1]],
              t.number(r, at[2]),
              t.number(r, at[3]),
              t.number(r, at[4]),
              t.number(r, at[5])));
    }
    return List.copyOf(last);
  }

  /** A per-layer metric of {@code layers.csv} for every layer, in the file's layer order. */
  public static java.util.Map<String, Curve> layerCurves(Path runDir, String metric) {
    if (!LAYER_METRICS.contains(metric)) {
      throw new IllegalArgumentException(
          "metric must be one of " + String.join(", ", LAYER_METRICS) + "; got '" + metric + "'");
    }
    Table t = Table.read(runDir.resolve("layers.csv"));
    int stepAt = t.at("step");
    int layerAt = t.at("layer");
    int valueAt = t.at(metric);
    if (stepAt < 0 || layerAt < 0 || valueAt < 0) {
      throw new IllegalArgumentException(
          t.file().getFileName()
              + " line 1: expected a header with 'step', 'layer' and '"
              + metric
              + "', got '"
              + String.join(",", t.header())
              + "'");
    }
    java.util.Map<String, List<double[]>> points = new java.util.LinkedHashMap<>();
    for (int r = 0; r < t.rows().size(); r++) {
      String[] cells = t.rows().get(r);
      List<double[]> layer = points.computeIfAbsent(cells[layerAt], k -> new ArrayList<>());
      if (!cells[valueAt].isEmpty()) {
        layer.add(new double[] {t.number(r, stepAt), t.number(r, valueAt)});
      }
    }
    java.util.Map<String, Curve> curves = new java.util.LinkedHashMap<>();
    points.forEach(
        (layer, p) ->
            curves.put(
                layer,
                new Curve(
                    p.stream().mapToDouble(v -> v[0]).toArray(),
                    p.stream().mapToDouble(v -> v[1]).toArray())));
    return curves;
  }

  /** Each activation layer and the layer that receives its units (whose bias shift it causes). */
  public static java.util.Map<String, String> receivers(Path runDir) {
    Table t = Table.read(runDir.resolve("layers.csv"));
    int layerAt = t.at("layer");
    int receiverAt = t.at("receiver");
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    if (layerAt >= 0 && receiverAt >= 0) {
      t.rows().forEach(cells -> out.putIfAbsent(cells[layerAt], cells[receiverAt]));
    }
    return out;
  }

  /** A layer's histogram at one step: equal bins from {@code lo} to {@code hi}. */
  public record StoredHistogram(long step, String layer, double lo, double hi, long[] counts) {}

  /**
   * The last histogram {@code histograms.csv} has of {@code layer} (null: its first layer), or null
   * if it has none.
   */
  public static StoredHistogram lastHistogram(Path runDir, String layer) {
    Table t = Table.read(runDir.resolve("histograms.csv"));
    int stepAt = t.at("step");
    int layerAt = t.at("layer");
    int loAt = t.at("lo");
    int hiAt = t.at("hi");
    int countAt = t.at("count");
    if (stepAt < 0 || layerAt < 0 || loAt < 0 || hiAt < 0 || countAt < 0) {
      throw new IllegalArgumentException(
          t.file().getFileName()
              + " line 1: expected the header 'step,layer,bin,lo,hi,count', got '"
              + String.join(",", t.header())
              + "'");
    }
    String name = layer != null ? layer : t.rows().isEmpty() ? null : t.rows().get(0)[layerAt];
    long last = -1;
    for (int r = 0; r < t.rows().size(); r++) {
      if (t.rows().get(r)[layerAt].equals(name)) {
        last = Math.max(last, (long) t.number(r, stepAt));
      }
    }
    List<Long> counts = new ArrayList<>();
    double lo = Double.NaN;
    double hi = Double.NaN;
    for (int r = 0; r < t.rows().size(); r++) {
      if (t.rows().get(r)[layerAt].equals(name) && (long) t.number(r, stepAt) == last) {
        lo = counts.isEmpty() ? t.number(r, loAt) : lo;
        hi = t.number(r, hiAt);
        counts.add((long) t.number(r, countAt));
      }
    }
    return counts.isEmpty()
        ? null
        : new StoredHistogram(
            last, name, lo, hi, counts.stream().mapToLong(Long::longValue).toArray());
  }

  private static Curve read(Path file, String column, String keyColumn, String key) {
    Table t = Table.read(file);
    List<String> header = t.header();
    int stepAt = header.indexOf("step");
    int valueAt = header.indexOf(column);
    int keyAt = keyColumn == null ? -1 : header.indexOf(keyColumn);
    if (stepAt < 0 || valueAt < 0 || (keyColumn != null && keyAt < 0)) {
      String wanted = column.equals("step") ? "'step'" : "'step' and '" + column + "'";
      throw new IllegalArgumentException(
          file.getFileName()
              + " line 1: expected a header with "
              + wanted
              + ", got '"
              + String.join(",", header)
              + "'");
    }
    List<double[]> points = new ArrayList<>();
    List<List<Double>> perStep = new ArrayList<>(); // for the median over layers
    double currentStep = Double.NaN;
    for (int i = 0; i < t.rows().size(); i++) {
      String[] cells = t.rows().get(i);
      double step = t.number(i, stepAt);
      if (keyColumn != null && key != null && !cells[keyAt].equals(key)) {
        continue;
      }
      if (cells[valueAt].isEmpty()) {
        continue;
      }
      double v = t.number(i, valueAt);
      if (keyColumn != null && key == null) {
        if (step != currentStep) {
          perStep.add(new ArrayList<>());
          points.add(new double[] {step, Double.NaN});
          currentStep = step;
        }
        perStep.get(perStep.size() - 1).add(v);
      } else {
        points.add(new double[] {step, v});
      }
    }
    for (int i = 0; i < perStep.size(); i++) {
      double[] values = perStep.get(i).stream().mapToDouble(Double::doubleValue).sorted().toArray();
      int n = values.length;
      points.get(i)[1] = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
    double[] steps = new double[points.size()];
    double[] values = new double[points.size()];
    for (int i = 0; i < points.size(); i++) {
      steps[i] = points.get(i)[0];
      values[i] = points.get(i)[1];
    }
    return new Curve(steps, values);
  }

  private static double number(Path file, int line, List<String> header, int column, String cell) {
    try {
      return Double.parseDouble(cell);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          file.getFileName()
              + " line "
              + line
              + ", column '"
              + header.get(column)
              + "': expected a number, got '"
              + cell
              + "'");
    }
  }
}
