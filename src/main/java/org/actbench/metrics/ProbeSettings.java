package org.actbench.metrics;

import java.util.Locale;
import org.actbench.engine.InvalidField;

/**
 * How the bias shift is measured: every {@code every} steps (and after the first), on the first
 * {@code size} training images, preprocessed and not augmented.
 *
 * @param fisher {@code empirical} (the true labels) or {@code true} (labels drawn from the model's
 *     softmax)
 * @param covariance {@code shared} (one mean and covariance per layer, cheap) or {@code unit} (the
 *     exact δ²-weighted unit Fisher, m times the cost)
 * @param damping ε as a fraction of the mean eigenvalue of Σ
 * @param maxRows at most this many samples per layer (conv layers have N·H·W), drawn once
 */
public record ProbeSettings(
    int every, int size, String fisher, String covariance, double damping, int maxRows) {

  public ProbeSettings {
    fisher = fisher.toLowerCase(Locale.ROOT);
    covariance = covariance.toLowerCase(Locale.ROOT);
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

  /** Probe batches above this would cost more than the training they measure. */
  public static final int MAX_SIZE = 1024;

  public static ProbeSettings defaults() {
    return new ProbeSettings(200, 32, "empirical", "shared", 1e-3, 4096);
  }

  public boolean trueFisher() {
    return fisher.equals("true");
  }

  /** Whether the probe runs after {@code step}. */
  public boolean at(long step) {
    return every > 0 && (step == 1 || step % every == 0);
  }
}
