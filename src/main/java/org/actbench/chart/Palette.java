package org.actbench.chart;

/**
 * Colours: a categorical palette that stays distinct for colour-blind readers (Okabe and Ito 2008),
 * shades of one colour (for the runs of one activation), and a diverging blue–white–red scale
 * centred on zero for signed heatmaps.
 */
public final class Palette {
  private static final int[] CATEGORICAL = {
    0xFF0072B2, 0xFFD55E00, 0xFF009E73, 0xFFCC79A7, 0xFFE69F00, 0xFF56B4E9, 0xFF000000, 0xFF882255
  };

  private Palette() {}

  public static int categorical(int i) {
    return CATEGORICAL[Math.floorMod(i, CATEGORICAL.length)];
  }

  /**
   * Shade {@code k} of {@code n} of a colour: from darker (k = 0) through the colour itself to
   * lighter (k = n − 1); the colour itself when n = 1. Light ends stay dark enough to read on
   * white.
   */
  public static int shade(int argb, int k, int n) {
    if (n <= 1) {
      return argb;
    }
    double t = -0.45 + 0.85 * k / (n - 1); // −0.45 (darker) .. +0.4 (lighter)
    int target = t < 0 ? 0 : 255;
    double a = Math.abs(t);
    int r = (int) Math.round(((argb >> 16) & 0xFF) + (target - ((argb >> 16) & 0xFF)) * a);
    int g = (int) Math.round(((argb >> 8) & 0xFF) + (target - ((argb >> 8) & 0xFF)) * a);
    int b = (int) Math.round((argb & 0xFF) + (target - (argb & 0xFF)) * a);
    return (argb & 0xFF000000) | (r << 16) | (g << 8) | b;
  }

  /** The same colour with another opacity (0..1). */
  public static int withAlpha(int argb, double alpha) {
    return ((int) Math.round(alpha * 255) << 24) | (argb & 0xFFFFFF);
  }

  /** v in [−1, 1] → blue (−1) through white (0) to red (1); NaN → grey. */
  public static int diverging(double v) {
    if (Double.isNaN(v)) {
      return 0xFFBBBBBB;
    }
    double t = Math.max(-1, Math.min(1, v));
    int[] end = t < 0 ? new int[] {0x21, 0x66, 0xAC} : new int[] {0xB2, 0x18, 0x2B};
    double a = Math.abs(t);
    int r = (int) Math.round(255 + (end[0] - 255) * a);
    int g = (int) Math.round(255 + (end[1] - 255) * a);
    int b = (int) Math.round(255 + (end[2] - 255) * a);
    return 0xFF000000 | (r << 16) | (g << 8) | b;
  }

  /** v in [0, 1] → white to dark blue; NaN → grey. */
  public static int sequential(double v) {
    if (Double.isNaN(v)) {
      return 0xFFBBBBBB;
    }
    double t = Math.max(0, Math.min(1, v));
    int r = (int) Math.round(255 + (0x08 - 255) * t);
    int g = (int) Math.round(255 + (0x30 - 255) * t);
    int b = (int) Math.round(255 + (0x6B - 255) * t);
    return 0xFF000000 | (r << 16) | (g << 8) | b;
  }
}
