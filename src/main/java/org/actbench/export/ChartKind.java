package org.actbench.export;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The charts there are, as {@code export --chart} and the Compare tab name them. */
public enum ChartKind {
  LOSS("loss", "train_loss"),
  ACCURACY("accuracy", "test_acc"),
  UNIT_MEANS("unit-means", "unit_mean_median"),
  UNIT_MEAN_HEATMAP("unit-mean-heatmap", "unit_mean_median"),
  BIAS_SHIFT("bias-shift", "bias_shift_rho"),
  HISTOGRAM("histogram", null),
  EXPLORER("explorer", null);

  private final String id;
  private final String metric;

  ChartKind(String id, String metric) {
    this.id = id;
    this.metric = metric;
  }

  public String id() {
    return id;
  }

  /** The metric it draws unless told otherwise; null for the histogram and the explorer. */
  public String defaultMetric() {
    return metric;
  }

  /** Whether it draws lines of a metric over steps (loss to bias shift). */
  public boolean isLineChart() {
    return metric != null && this != UNIT_MEAN_HEATMAP;
  }

  @Override
  public String toString() {
    return id;
  }

  /**
   * @throws IllegalArgumentException "chart must be one of …, got '…'"
   */
  public static ChartKind parse(String id) {
    for (ChartKind kind : values()) {
      if (kind.id.equals(id)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "chart must be one of "
            + Arrays.stream(values()).map(ChartKind::id).collect(Collectors.joining(", "))
            + ", got '"
            + id
            + "'");
  }
}
