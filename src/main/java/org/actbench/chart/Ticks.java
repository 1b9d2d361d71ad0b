package org.actbench.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Axis ticks at 1-2-5 steps (and within decades on a log axis), and compact number labels. */
public final class Ticks {
  private Ticks() {}

  /** About {@code target} ticks covering [lo, hi]. */
  public static List<Double> linear(double lo, double hi, int target) {
    List<Double> out = new ArrayList<>();
    if (!(hi > lo)) {
      out.add(lo);
      return out;
    }
    double raw = (hi - lo) / Math.max(1, target);
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = magnitude;
    for (double m : new double[] {1, 2, 5, 10}) {
      step = m * magnitude;
      if (step >= raw) {
        break;
      }
    }
    for (double v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
      out.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
    }
    return out;
  }

  /**
   * Ticks on a log axis over [lo, hi] (both positive), at most {@code max} of them: every integer
   * multiple of a power of ten (2, 3, ... 9) where they fit, else 1-2-5 within each decade, else
   * powers of ten; linear ticks when not even two of those fall in the range (a range within a
   * decade, e.g. losses from 1.8 to 2.4).
   */
  public static List<Double> log(double lo, double hi, int max) {
    List<Double> out = List.of();
    for (double[] mantissas : new double[][] {{1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 5}, {1}}) {
      out = logTicks(lo, hi, mantissas);
      if (out.size() <= max) {
        break;
      }
    }
    return out.size() >= 2 ? out : linear(lo, hi, Math.max(2, Math.min(max, 8)));
  }

  private static List<Double> logTicks(double lo, double hi, double[] mantissas) {
    List<Double> out = new ArrayList<>();
    for (double e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
      for (double m : mantissas) {
        double v = m * Math.pow(10, e);
        if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) {
          out.add(v);
        }
      }
    }
    return out;
  }

  /** A short label: up to 4 significant digits, scientific for very large or small values. */
  public static String format(double v) {
    if (v == 0 || Double.isNaN(v)) {
      return Double.isNaN(v) ? "NaN" : "0";
    }
    double a = Math.abs(v);
    if (a >= 1e5 || a < 1e-3) {
      return String.format(Locale.ROOT, "%.2g", v).replace("e+0", "e").replace("e-0", "e-");
    }
    String s = String.format(Locale.ROOT, "%.4g", v);
    if (s.contains(".")) {
      s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return s;
  }
}
