package org.actbench.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws a {@link Figure} into a PNG with Java2D: no display needed. Sizes are in points (1/72 in);
 * the image has width·dpi/72 pixels, so text and lines keep their size at any resolution.
 */
public final class PngExport {
  private PngExport() {}

  public static void write(Figure figure, Path file, double width, double height, int dpi)
      throws IOException {
    if (width < 100 || height < 80 || dpi < 36 || dpi > 1200) {
      throw new IllegalArgumentException(
          "export size must be at least 100 x 80 points at 36..1200 dpi, got "
              + width
              + " x "
              + height
              + " at "
              + dpi);
    }
    double scale = dpi / 72.0;
    BufferedImage image =
        new BufferedImage(
            (int) Math.round(width * scale),
            (int) Math.round(height * scale),
            BufferedImage.TYPE_INT_ARGB);
    paint(figure, image, width, height, scale, null);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    ImageIO.write(image, "png", bytes);
    Exports.atomicWrite(file, bytes.toByteArray());
  }

  /**
   * Paints {@code figure}, {@code width} x {@code height} units at {@code scale} pixels per unit,
   * over {@code image}: on a {@code background} colour, or over what is there if null. The window
   * paints its charts this way too, off its own threads.
   */
  public static void paint(
      Figure figure,
      BufferedImage image,
      double width,
      double height,
      double scale,
      Color background) {
    Graphics2D g = image.createGraphics();
    try {
      if (background != null) {
        g.setComposite(java.awt.AlphaComposite.Src);
        g.setColor(background);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setComposite(java.awt.AlphaComposite.SrcOver);
      }
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.scale(scale, scale);
      figure.paint(new AwtSurface(g), width, height);
    } finally {
      g.dispose();
    }
  }

  /** {@link Surface} on a Java2D graphics context. */
  static final class AwtSurface implements Surface {
    private final Graphics2D g;

    AwtSurface(Graphics2D g) {
      this.g = g;
    }

    @Override
    public void color(int argb) {
      g.setColor(new Color(argb, true));
    }

    private float width = 1;

    @Override
    public void lineWidth(double width) {
      this.width = (float) width;
      g.setStroke(new BasicStroke(this.width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    }

    @Override
    public void dash(double... pattern) {
      if (pattern.length == 0) {
        lineWidth(width);
        return;
      }
      float[] on = new float[pattern.length];
      for (int i = 0; i < on.length; i++) {
        on[i] = (float) pattern[i];
      }
      g.setStroke(new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, on, 0));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2) {
      g.draw(new java.awt.geom.Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void polyline(double[] xs, double[] ys, int n) {
      if (n < 2) {
        return;
      }
      Path2D.Double p = new Path2D.Double();
      p.moveTo(xs[0], ys[0]);
      for (int i = 1; i < n; i++) {
        p.lineTo(xs[i], ys[i]);
      }
      g.draw(p);
    }

    @Override
    public void fillPolygon(double[] xs, double[] ys, int n) {
      if (n < 3) {
        return;
      }
      Path2D.Double p = new Path2D.Double();
      p.moveTo(xs[0], ys[0]);
      for (int i = 1; i < n; i++) {
        p.lineTo(xs[i], ys[i]);
      }
      p.closePath();
      g.fill(p);
    }

    @Override
    public void fillRect(double x, double y, double w, double h) {
      g.fill(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void strokeRect(double x, double y, double w, double h) {
      g.draw(new Rectangle2D.Double(x, y, w, h));
    }

    private Font font(double size, boolean bold) {
      return new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) size);
    }

    @Override
    public void text(String s, double x, double y, double size, int align, boolean bold) {
      g.setFont(font(size, bold));
      double w = g.getFontMetrics().getStringBounds(s, g).getWidth();
      double dx = align < 0 ? 0 : align == 0 ? -w / 2 : -w;
      g.drawString(s, (float) (x + dx), (float) (y + size * 0.35));
    }

    @Override
    public void verticalText(String s, double x, double y, double size) {
      AffineTransform saved = g.getTransform();
      g.translate(x, y);
      g.rotate(-Math.PI / 2);
      text(s, 0, 0, size, 0, false);
      g.setTransform(saved);
    }

    @Override
    public double textWidth(String s, double size) {
      g.setFont(font(size, false));
      return g.getFontMetrics().getStringBounds(s, g).getWidth();
    }

    @Override
    public void clip(double x, double y, double w, double h) {
      g.setClip(new Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void unclip() {
      g.setClip(null);
    }
  }
}
