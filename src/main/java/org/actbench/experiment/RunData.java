package org.actbench.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
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

  /** (steps, values) of a metric; empty cells (e.g. test accuracy between evaluations) are skipped. */
  public record Curve(double[] steps, double[] values) {
    public int size() {
      return steps.length;
    }
  }

  /** The columns a metric can come from. */
  public static final List<String> STEP_METRICS = List.of("train_loss", "train_acc", "test_loss", "test_acc", "lr");
  public static final List<String> LAYER_METRICS =
      List.of("unit_mean_median", "abs_unit_mean", "frac_abs_gt_0_1", "dead_frac", "saturated_frac",
          "bias_shift_rho", "natgrad_cosine", "bias_shift_norm_ratio", "mu_norm", "input_mean", "input_var",
          "output_mean", "output_var");

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
        "metric must be one of " + String.join(", ", STEP_METRICS) + ", " + String.join(", ", LAYER_METRICS)
            + "; got '" + metric + "'");
  }

  private static final List<String> TEXT_COLUMNS = List.of("layer", "receiver");

  /** The last step written to a metrics.csv (0 if none yet). */
  static long lastStep(Path metricsCsv) {
    Curve c = read(metricsCsv, "step", null, null);
    return c.size() == 0 ? 0 : (long) c.values()[c.size() - 1];
  }

  /** The complete lines of a CSV file, header first; the piece after the last line end is not one. */
  private static List<String> lines(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalArgumentException(file.getFileName() + ": cannot be read (" + e.getMessage() + ")");
    }
    List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
    lines.remove(lines.size() - 1); // after the last line end: empty, or a line cut short by a crash
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(file.getFileName() + ": empty, expected a header line");
    }
    return lines;
  }

  /**
   * One activation layer's moments at a logged step: mean and variance of its inputs x and of its
   * outputs f(x), as {@code layers.csv} has them.
   */
  public record LayerMoments(long step, String layer, double inputMean, double inputVariance,
      double outputMean, double outputVariance) {}

  /**
   * Every activation layer's moments at the last step that has them, in layer order; empty for a
   * run that has none yet or was written before these columns existed.
   */
  public static List<LayerMoments> lastLayerMoments(Path runDir) {
    Path file = runDir.resolve("layers.csv");
    if (!Files.exists(file)) {
      return List.of();
    }
    List<String> lines = lines(file);
    List<String> header = Arrays.asList(lines.get(0).split(",", -1));
    String[] names = {"step", "layer", "input_mean", "input_var", "output_mean", "output_var"};
    int[] at = new int[names.length];
    for (int c = 0; c < names.length; c++) {
      at[c] = header.indexOf(names[c]);
      if (at[c] < 0) {
        return List.of(); // an older run: no moments
      }
    }
    List<LayerMoments> last = new ArrayList<>();
    for (int i = lines.size() - 1; i >= 1; i--) { // from the end: the last step with moments
      String[] cells = lines.get(i).split(",", -1);
      if (cells.length != header.size()) {
        throw new IllegalArgumentException(file.getFileName() + " line " + (i + 1) + ": expected "
            + header.size() + " columns, got " + cells.length);
      }
      if (cells[at[2]].isEmpty()) {
        continue;
      }
      long step = (long) number(file, i, header, at[0], cells[at[0]]);
      if (!last.isEmpty() && step != last.get(0).step()) {
        break;
      }
      last.add(0, new LayerMoments(step, cells[at[1]], number(file, i, header, at[2], cells[at[2]]),
          number(file, i, header, at[3], cells[at[3]]), number(file, i, header, at[4], cells[at[4]]),
          number(file, i, header, at[5], cells[at[5]])));
    }
    return List.copyOf(last);
  }

  private static Curve read(Path file, String column, String keyColumn, String key) {
    List<String> lines = lines(file);
    List<String> header = Arrays.asList(lines.get(0).split(",", -1));
    int stepAt = header.indexOf("step");
    int valueAt = header.indexOf(column);
    int keyAt = keyColumn == null ? -1 : header.indexOf(keyColumn);
    if (stepAt < 0 || valueAt < 0 || (keyColumn != null && keyAt < 0)) {
      throw new IllegalArgumentException(
          file.getFileName() + " line 1: expected a header with 'step' and '" + column + "', got '" + lines.get(0) + "'");
    }
    List<double[]> points = new ArrayList<>();
    List<List<Double>> perStep = new ArrayList<>(); // for the median over layers
    double currentStep = Double.NaN;
    for (int i = 1; i < lines.size(); i++) {
      String[] cells = lines.get(i).split(",", -1);
      if (cells.length != header.size()) {
        throw new IllegalArgumentException(file.getFileName() + " line " + (i + 1) + ": expected "
            + header.size() + " columns, got " + cells.length);
      }
      for (int c = 0; c < cells.length; c++) { // every cell, so damage anywhere is found
        if (!cells[c].isEmpty() && !TEXT_COLUMNS.contains(header.get(c))) {
          number(file, i, header, c, cells[c]);
        }
      }
      double step = number(file, i, header, stepAt, cells[stepAt]);
      if (keyColumn != null && key != null && !cells[keyAt].equals(key)) {
        continue;
      }
      if (cells[valueAt].isEmpty()) {
        continue;
      }
      double v = number(file, i, header, valueAt, cells[valueAt]);
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
      throw new IllegalArgumentException(file.getFileName() + " line " + (line + 1) + ", column '"
          + header.get(column) + "': expected a number, got '" + cell + "'");
    }
  }
}
