package org.actbench.chart;

import java.util.List;
import java.util.Locale;

/**
 * Rows of small images: one row per layer, each map a tile coloured on a diverging scale (blue
 * negative, white zero, red positive), symmetric about zero per row, so a ReLU layer's zeros are
 * white and an ELU layer's negative regime is blue. A row can instead be colour images (an input
 * image, a convolution's RGB filters): three consecutive maps are one tile's red, green and blue.
 */
public final class MapGrid implements Figure {
  private static final double FONT = 12;
  private static final double LABEL = 120; // the rows' labels, at the left
  private static final double TOP = 44;
  private static final double GAP = 3;

  /**
   * One row.
   *
   * @param label what the row is, e.g. "act1 (ELU)"
   * @param maps how many maps ({@code values} has maps × height × width values)
   * @param rgb whether three consecutive maps are one colour tile
   */
  public record Row(String label, int maps, int height, int width, float[] values, boolean rgb) {
    /** The largest |value|: the row's colour scale runs from −extent to +extent. */
    public double extent() {
      double m = 0;
      for (float v : values) {
        if (Float.isFinite(v)) {
          m = Math.max(m, Math.abs(v));
        }
      }
      return m;
    }

    int tiles() {
      return rgb ? maps / 3 : maps;
    }
  }

  private final String title;
  private final int maxTiles;
  private List<Row> rows = List.of();
  private String empty = "no maps yet";

  /**
   * @param maxTiles the most tiles a row shows (the first ones)
   */
  public MapGrid(String title, int maxTiles) {
    this.title = title;
    this.maxTiles = maxTiles;
  }

  private MapGrid(String title, int maxTiles, List<Row> rows, String empty) {
    this(title, maxTiles);
    this.rows = rows;
    this.empty = empty;
  }

  public void set(List<Row> rows) {
    this.rows = List.copyOf(rows);
  }

  public List<Row> rows() {
    return rows;
  }

  public void setEmptyText(String text) {
    this.empty = text;
  }

  private String subtitle = "";

  /** A line under the title (e.g. the image's class and the network's answer). */
  public void setSubtitle(String subtitle) {
    this.subtitle = subtitle == null ? "" : subtitle;
  }

  public String subtitle() {
    return subtitle;
  }

  @Override
  public String title() {
    return title;
  }

  @Override
  public MapGrid snapshot() {
    MapGrid copy = new MapGrid(title, maxTiles, rows, empty); // rows are never changed, only set
    copy.subtitle = subtitle;
    return copy;
  }

  @Override
  public void paint(Surface s, double width, double height) {
    s.color(0xFFFFFFFF);
    s.fillRect(0, 0, width, height);
    s.color(0xFF222222);
    s.text(title, 10, 14, FONT + 1, -1, true);
    s.color(0xFF444444);
    s.text(subtitle, 10, 32, FONT - 1, -1, false);
    if (rows.isEmpty()) {
      s.color(0xFF888888);
      s.text(empty, width / 2, height / 2, FONT, 0, false);
      return;
    }
    legend(s, width);
    int most = 1;
    for (Row r : rows) {
      most = Math.max(most, Math.min(maxTiles, r.tiles()));
    }
    double rowH = (height - TOP - 4) / rows.size();
    double tile = Math.min((width - LABEL - 70) / most - GAP, rowH - 18);
    tile = Math.max(4, tile);
    double y = TOP;
    for (Row r : rows) {
      double extent = r.extent();
      s.color(0xFF222222);
      s.text(r.label(), 10, y + tile / 2 + 2, FONT - 1, -1, false);
      int n = Math.min(maxTiles, r.tiles());
      for (int t = 0; t < n; t++) {
        paintTile(s, r, t, extent, LABEL + t * (tile + GAP), y + 2, tile);
      }
      s.color(0xFF666666);
      String scale =
          r.rgb() ? "" : "±" + String.format(Locale.ROOT, "%.3g", extent == 0 ? 0.0 : extent);
      String more = r.tiles() > n ? " (" + n + " of " + r.tiles() + ")" : "";
      s.text(scale + more, LABEL + n * (tile + GAP) + 4, y + tile / 2 + 2, FONT - 2, -1, false);
      y += rowH;
    }
  }

  /** Blue, white and red with what they mean, top right. */
  private static void legend(Surface s, double width) {
    double x = width - 560; // clear of the window's buttons at the top right
    for (int i = 0; i < 60; i++) {
      s.color(Palette.diverging(-1 + i / 29.5));
      s.fillRect(x + i * 2, 8, 2.2, 12);
    }
    s.color(0xFF444444);
    s.text("− 0 +", x + 60, 30, FONT - 2, 0, false);
    s.text("per row: ±its largest |value|", x + 126, 14, FONT - 2, -1, false);
  }

  private static void paintTile(
      Surface s, Row r, int t, double extent, double x0, double y0, double size) {
    double px = size / Math.max(r.width(), r.height());
    int plane = r.height() * r.width();
    for (int yy = 0; yy < r.height(); yy++) {
      for (int xx = 0; xx < r.width(); xx++) {
        int at = yy * r.width() + xx;
        int argb;
        if (r.rgb()) {
          int red = channel(r.values()[(3 * t) * plane + at], extent);
          int green = channel(r.values()[(3 * t + 1) * plane + at], extent);
          int blue = channel(r.values()[(3 * t + 2) * plane + at], extent);
          argb = 0xFF000000 | red << 16 | green << 8 | blue;
        } else {
          float v = r.values()[t * plane + at];
          argb = Palette.diverging(extent == 0 ? 0 : v / extent);
        }
        s.color(argb);
        s.fillRect(x0 + xx * px, y0 + yy * px, px + 0.4, px + 0.4); // no hairline gaps
      }
    }
    s.color(0xFFBBBBBB);
    s.lineWidth(0.6);
    s.strokeRect(x0, y0, r.width() * px, r.height() * px);
    s.lineWidth(1);
  }

  /** −extent..extent → 0..255. */
  private static int channel(float v, double extent) {
    double t = extent == 0 ? 0.5 : (v / extent + 1) / 2;
    return (int) Math.round(255 * Math.max(0, Math.min(1, t)));
  }
}
