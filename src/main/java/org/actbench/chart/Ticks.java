package org.actbench.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Axis ticks at 1-2-5 steps (or powers of ten on a log axis), and compact number labels. */
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

  /** Powers of ten within [lo, hi] (both positive), with 2 and 5 between them over short ranges. */
  public static List<Double> log(double lo, double hi) {
    List<Double> out = new ArrayList<>();
    boolean fine = Math.log10(hi / lo) <= 2.5;
    for (double e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
      for (double m : fine ? new double[] {1, 2, 5} : new double[] {1}) {
        double v = m * Math.pow(10, e);
        if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) {
          out.add(v);
        }
      }
    }
    if (out.isEmpty()) {
      out.addAll(linear(lo, hi, 3));
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
