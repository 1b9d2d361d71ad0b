package org.actbench.metrics;

import java.util.Locale;

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
    check(every >= 0, "probe every must be >= 0 steps (0: never), got " + every);
    check(size >= 2, "probe size must be >= 2 images, got " + size);
    check(fisher.equals("empirical") || fisher.equals("true"),
        "fisher must be empirical or true, got '" + fisher + "'");
    UnitNaturalGradient.Covariance.parse(covariance);
    check(damping >= 0 && Double.isFinite(damping), "damping must be >= 0, got " + damping);
    check(maxRows >= 2, "max rows must be >= 2, got " + maxRows);
  }

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

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
