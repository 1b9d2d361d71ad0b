package org.actbench.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;
import org.actbench.engine.InvalidField;

/**
 * How the bias shift is measured: every {@code every} steps (and after the first), on the training
 * step's own batch ({@code step}: {@link StepProbe}) or on the first {@code size} training images,
 * preprocessed and not augmented, with a pass of their own ({@code probe}: {@link BiasShiftProbe}).
 *
 * @param fisher {@code empirical} (the true labels) or {@code true} (labels drawn from the model's
 *     softmax)
 * @param covariance {@code shared} (one mean and covariance per layer, cheap) or {@code unit} (the
 *     exact δ²-weighted unit Fisher, m times the cost)
 * @param damping ε as a fraction of the mean eigenvalue of Σ
 * @param maxRows at most this many samples per layer (conv layers have N·H·W): drawn once for the
 *     probe batch, afresh at each probe from the step's batch
 * @param source {@code step} or {@code probe}; spec files from before it have none: {@code probe}
 */
public record ProbeSettings(
    int every,
    int size,
    String fisher,
    String covariance,
    double damping,
    int maxRows,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = ProbeSettings.OnProbeBatch.class)
        String source) {

  /** Leaves {@code probe} out of spec.json, so specs from before the source read as before. */
  static final class OnProbeBatch {
    @Override
    public boolean equals(Object value) {
      return value == null || PROBE.equals(value);
    }

    @Override
    public int hashCode() {
      return 0;
    }
  }

  /** The step's own batch and gradients: no pass of its own ({@link StepProbe}). */
  public static final String STEP = "step";

  /** A fixed probe batch with a pass of its own ({@link BiasShiftProbe}). */
  public static final String PROBE = "probe";

  public ProbeSettings {
    fisher = fisher.toLowerCase(Locale.ROOT);
    covariance = covariance.toLowerCase(Locale.ROOT);
    source = source == null ? PROBE : source.toLowerCase(Locale.ROOT);
    InvalidField.check(
        source.equals(STEP) || source.equals(PROBE),
        "probeSource",
        "must be step or probe, got '" + source + "'");
    InvalidField.check(
        source.equals(PROBE) || (fisher.equals("empirical") && covariance.equals("shared")),
        "probeSource",
        "step measures the shared covariance with the true labels; --fisher true and --covariance"
            + " unit need the probe batch (--probe-source probe)");
    InvalidField.inRange(every, 0, Integer.MAX_VALUE, "probeEvery");
    InvalidField.inRange(size, 2, MAX_SIZE, "probeSize");
    InvalidField.check(
        fisher.equals("empirical") || fisher.equals("true"),
        "fisher",
        "must be empirical or true, got '" + fisher + "'");
    UnitNaturalGradient.Covariance.parse(covariance);
    InvalidField.finiteIn(damping, 0, Double.POSITIVE_INFINITY, "damping");
    InvalidField.inRange(maxRows, 2, Integer.MAX_VALUE, "maxRows");
  }

  /** On a fixed probe batch ({@code probe}), as every spec before the source was recorded. */
  public ProbeSettings(
      int every, int size, String fisher, String covariance, double damping, int maxRows) {
    this(every, size, fisher, covariance, damping, maxRows, PROBE);
  }

  /** These settings measured from {@code source}. */
  public ProbeSettings withSource(String source) {
    return new ProbeSettings(every, size, fisher, covariance, damping, maxRows, source);
  }

  /**
   * Rows per layer by default: 4,096 of the probe batch's (drawn once); 1,024 of each probed step's
   * batch (drawn afresh each time, so the estimate averages over batches along a run, and d ≤ 576
   * on the shipped nets).
   */
  public static int defaultRows(String source) {
    return STEP.equals(source) ? 1024 : 4096;
  }

  /**
   * The source a probe with these options can use: the step's batch unless they need a pass of
   * their own (true Fisher: labels drawn from the model; unit covariance: δ² per sample).
   */
  public static String sourceFor(String fisher, String covariance) {
    return "empirical".equalsIgnoreCase(fisher) && "shared".equalsIgnoreCase(covariance)
        ? STEP
        : PROBE;
  }

  /** These settings every {@code k} steps. */
  public ProbeSettings withEvery(int k) {
    return new ProbeSettings(k, size, fisher, covariance, damping, maxRows, source);
  }

  /** These settings with at most {@code rows} rows per layer. */
  public ProbeSettings withRows(int rows) {
    return new ProbeSettings(every, size, fisher, covariance, damping, rows, source);
  }

  /** Whether it measures on the step's own batch. */
  public boolean onStep() {
    return source.equals(STEP);
  }

  /** Probe batches above this would cost more than the training they measure. */
  public static final int MAX_SIZE = 1024;

  public static ProbeSettings defaults() {
    return new ProbeSettings(10, 32, "empirical", "shared", 1e-3, defaultRows(STEP), STEP);
  }

  public boolean trueFisher() {
    return fisher.equals("true");
  }

  /** Whether the probe runs after {@code step}. */
  public boolean at(long step) {
    return every > 0 && (step == 1 || step % every == 0);
  }
}
