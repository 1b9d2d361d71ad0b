package org.actbench.experiment;

import java.util.Locale;

/**
 * Smoothing a reader can trust: it never replaces the raw values (charts draw the raw curve faint
 * behind, exports carry both).
 */
public sealed interface Smoothing {
  double[] apply(double[] values);

  String id();

  /** No smoothing. */
  /** No smoothing: the raw values. */
  Smoothing NONE = new None();

  record None() implements Smoothing {
    @Override
    public double[] apply(double[] values) {
      return values.clone();
    }

    @Override
    public String id() {
      return "none";
    }
  }

  /**
   * Exponential moving average s_t = w·s_{t−1} + (1 − w)·x_t, debiased as TensorBoard does (divided
   * by 1 − wᵗ), so the start is not pulled toward zero.
   */
  record Ema(double weight) implements Smoothing {
    public Ema {
      if (!(weight >= 0 && weight < 1)) {
        throw new IllegalArgumentException("EMA weight must be in [0, 1), got " + weight);
      }
    }

    @Override
    public double[] apply(double[] values) {
      double[] out = new double[values.length];
      double s = 0;
      double norm = 0;
      for (int i = 0; i < values.length; i++) {
        s = weight * s + (1 - weight) * values[i];
        norm = weight * norm + (1 - weight);
        out[i] = s / norm;
      }
      return out;
    }

    @Override
    public String id() {
      return "ema:" + weight;
    }
  }

  /**
   * Centred moving average over an odd window, shrinking at the ends (no lag, no invented values).
   */
  record Centred(int window) implements Smoothing {
    public Centred {
      if (window < 1 || window % 2 == 0) {
        throw new IllegalArgumentException(
            "moving-average window must be odd and >= 1, got " + window);
      }
    }

    @Override
    public double[] apply(double[] values) {
      double[] out = new double[values.length];
      int h = window / 2;
      for (int i = 0; i < values.length; i++) {
        int lo = Math.max(0, i - h);
        int hi = Math.min(values.length - 1, i + h);
        int r = Math.min(i - lo, hi - i); // symmetric, so the average is centred
        double sum = 0;
        for (int j = i - r; j <= i + r; j++) {
          sum += values[j];
        }
        out[i] = sum / (2 * r + 1);
      }
      return out;
    }

    @Override
    public String id() {
      return "ma:" + window;
    }
  }

  /** {@code none}, {@code ema:0.9} or {@code ma:11}. */
  public static Smoothing parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.equals("none")) {
        return new None();
      } else if (t.startsWith("ema:")) {
        return new Ema(Double.parseDouble(t.substring(4)));
      } else if (t.startsWith("ma:")) {
        return new Centred(Integer.parseInt(t.substring(3)));
      }
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException(
        "smoothing must be none, ema:W (0 <= W < 1) or ma:N (odd N), got '" + text + "'");
  }
}
