package org.actbench.ui.runs;

import java.util.Locale;

/** Durations as the Runs tab writes them. */
final class Durations {
  private Durations() {}

  /** A clock duration: "4:05", "1:02:03"; empty if not known. */
  static String clock(double seconds) {
    if (!Double.isFinite(seconds)) {
      return "";
    }
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  /** A duration in words for a decision: "40 s", "12 min", "2 h 5 min". */
  static String roughly(double seconds) {
    long s = Math.round(seconds);
    if (s < 90) {
      return s + " s";
    }
    long min = Math.round(seconds / 60);
    return min < 120 ? min + " min" : min / 60 + " h " + min % 60 + " min";
  }
}
