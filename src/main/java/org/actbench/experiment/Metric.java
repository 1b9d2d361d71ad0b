package org.actbench.experiment;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Every quantity a run's files hold that can be compared: its column, the file it lives in, the
 * range it lives in (which decides how a confidence band is computed and where it is clipped) and
 * whether lower is better.
 */
public enum Metric {
  TRAIN_LOSS(false, Domain.POSITIVE, true),
  TRAIN_ACC(false, Domain.FRACTION, false),
  TEST_LOSS(false, Domain.POSITIVE, true),
  TEST_ACC(false, Domain.FRACTION, false),
  LR(false, Domain.NON_NEGATIVE, true),
  UNIT_MEAN_MEDIAN(true, Domain.REAL, true),
  UNIT_MEAN_Q25(true, Domain.REAL, true),
  UNIT_MEAN_Q75(true, Domain.REAL, true),
  UNIT_MEAN_MIN(true, Domain.REAL, true),
  UNIT_MEAN_MAX(true, Domain.REAL, true),
  ABS_UNIT_MEAN(true, Domain.NON_NEGATIVE, true),
  FRAC_ABS_GT_0_1(true, Domain.FRACTION, true),
  DEAD_FRAC(true, Domain.FRACTION, true),
  SATURATED_FRAC(true, Domain.FRACTION, true),
  BIAS_SHIFT_RHO(true, Domain.FRACTION, true),
  NATGRAD_COSINE(true, Domain.COSINE, false),
  BIAS_SHIFT_NORM_RATIO(true, Domain.NON_NEGATIVE, true),
  MU_NORM(true, Domain.NON_NEGATIVE, true),
  INPUT_MEAN(true, Domain.REAL, true),
  INPUT_VAR(true, Domain.NON_NEGATIVE, true),
  OUTPUT_MEAN(true, Domain.REAL, true),
  OUTPUT_VAR(true, Domain.NON_NEGATIVE, true),
  /** ρ of the update the run takes: 0 when the bias-shift correction is on. */
  TAKEN_RHO(true, Domain.FRACTION, true),
  /** The measurements' cost so far as a share of plain training time. */
  MEASURE_OVERHEAD(true, Domain.NON_NEGATIVE, true);

  /**
   * Where a quantity lives. A band over seeds is a t-interval computed where the quantity is
   * unbounded and clipped to its range: losses on the log scale (a band around the geometric mean,
   * positive by construction), bounded quantities on their own scale, then clipped.
   */
  public enum Domain {
    /** (0, ∞), multiplicative: losses. */
    POSITIVE(0, Double.POSITIVE_INFINITY),
    NON_NEGATIVE(0, Double.POSITIVE_INFINITY),
    FRACTION(0, 1),
    COSINE(-1, 1),
    REAL(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);

    public final double lo;
    public final double hi;

    Domain(double lo, double hi) {
      this.lo = lo;
      this.hi = hi;
    }

    public double clip(double v) {
      return Double.isNaN(v) ? v : Math.max(lo, Math.min(hi, v));
    }

    /** Whether zero is inside or on the edge of the range (a signed quantity's axis shows it). */
    public boolean signed() {
      return lo < 0;
    }
  }

  private final boolean perLayer;
  private final Domain domain;
  private final boolean lowerIsBetter;

  Metric(boolean perLayer, Domain domain, boolean lowerIsBetter) {
    this.perLayer = perLayer;
    this.domain = domain;
    this.lowerIsBetter = lowerIsBetter;
  }

  /** The column in {@code metrics.csv} or {@code layers.csv}, e.g. {@code train_loss}. */
  public String column() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether it comes from {@code layers.csv}, one value per activation layer. */
  public boolean perLayer() {
    return perLayer;
  }

  public Domain domain() {
    return domain;
  }

  public boolean lowerIsBetter() {
    return lowerIsBetter;
  }

  /** "train loss" */
  public String label() {
    return column().replace('_', ' ');
  }

  /**
   * The metric named by its column.
   *
   * @throws IllegalArgumentException naming the choices
   */
  public static Metric parse(String column) {
    for (Metric m : values()) {
      if (m.column().equals(column)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "metric must be one of "
            + String.join(", ", Arrays.stream(values()).map(Metric::column).toList())
            + "; got '"
            + column
            + "'");
  }

  static List<String> columns(boolean perLayer) {
    return Arrays.stream(values()).filter(m -> m.perLayer == perLayer).map(Metric::column).toList();
  }
}
