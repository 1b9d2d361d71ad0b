package org.actbench.chart;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Draws a {@link Figure} as SVG: real vector graphics, text as {@code <text>} elements (searchable,
 * editable in Inkscape or Illustrator), sizes in points.
 */
public final class SvgExport {
  private SvgExport() {}

  public static String svg(Figure figure, double width, double height) {
    SvgSurface s = new SvgSurface();
    figure.paint(s, width, height);
    return String.format(
        Locale.ROOT,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>%n<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\""
            + " width=\"%.0fpt\" height=\"%.0fpt\" viewBox=\"0 0 %.2f %.2f\">%n<title>%s</title>%n%s</svg>%n",
        width,
        height,
        width,
        height,
        escape(figure.title()),
        s.body);
  }

  public static void write(Figure figure, Path file, double width, double height)
      throws IOException {
    Exports.atomicWrite(file, svg(figure, width, height).getBytes(StandardCharsets.UTF_8));
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static final class SvgSurface implements Surface {
    private final StringBuilder body = new StringBuilder();
    private String rgb = "rgb(0,0,0)";
    private double opacity = 1;
    private double width = 1;
    private String dashes = "";
    private int clips;
    private final FontRenderContext frc = new FontRenderContext(null, true, true);

    private String paint() {
      return opacity < 1 ? rgb + "\" fill-opacity=\"" + fmt(opacity) : rgb;
    }

    private String stroke() {
      return "stroke=\""
          + rgb
          + "\" stroke-width=\""
          + fmt(width)
          + "\""
          + (opacity < 1 ? " stroke-opacity=\"" + fmt(opacity) + "\"" : "")
          + (dashes.isEmpty()
              ? " stroke-linecap=\"round\""
              : " stroke-dasharray=\"" + dashes + "\"")
          + " stroke-linejoin=\"round\" fill=\"none\"";
    }

    static String fmt(double v) {
      String s = String.format(Locale.ROOT, "%.2f", v);
      return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    @Override
    public void color(int argb) {
      rgb = "rgb(" + ((argb >> 16) & 0xFF) + "," + ((argb >> 8) & 0xFF) + "," + (argb & 0xFF) + ")";
      opacity = ((argb >>> 24) & 0xFF) / 255.0;
    }

    @Override
    public void lineWidth(double w) {
      width = w;
      dashes = "";
    }

    @Override
    public void dash(double... pattern) {
      StringBuilder b = new StringBuilder();
      for (double d : pattern) {
        b.append(b.length() == 0 ? "" : " ").append(fmt(d));
      }
      dashes = b.toString();
    }

    @Override
    public void line(double x1, double y1, double x2, double y2) {
      body.append("<line x1=\"")
          .append(fmt(x1))
          .append("\" y1=\"")
          .append(fmt(y1))
          .append("\" x2=\"")
          .append(fmt(x2))
          .append("\" y2=\"")
          .append(fmt(y2))
          .append("\" ")
          .append(stroke())
          .append("/>\n");
    }

    private void points(double[] xs, double[] ys, int n) {
      for (int i = 0; i < n; i++) {
        body.append(fmt(xs[i])).append(',').append(fmt(ys[i])).append(' ');
      }
    }

    @Override
    public void polyline(double[] xs, double[] ys, int n) {
      if (n < 2) {
        return;
      }
      body.append("<polyline points=\"");
      points(xs, ys, n);
      body.append("\" ").append(stroke()).append("/>\n");
    }

    @Override
    public void fillPolygon(double[] xs, double[] ys, int n) {
      if (n < 3) {
        return;
      }
      body.append("<polygon points=\"");
      points(xs, ys, n);
      body.append("\" fill=\"").append(paint()).append("\" stroke=\"none\"/>\n");
    }

    @Override
    public void fillRect(double x, double y, double w, double h) {
      rect(x, y, w, h, "fill=\"" + paint() + "\"");
    }

    @Override
    public void strokeRect(double x, double y, double w, double h) {
      rect(x, y, w, h, stroke());
    }

    private void rect(double x, double y, double w, double h, String paintAttributes) {
      body.append("<rect x=\"")
          .append(fmt(x))
          .append("\" y=\"")
          .append(fmt(y))
          .append("\" width=\"")
          .append(fmt(w))
          .append("\" height=\"")
          .append(fmt(h))
          .append("\" ")
          .append(paintAttributes)
          .append("/>\n");
    }

    private String textElement(
        String s, double x, double y, double size, String anchor, boolean bold, String extra) {
      return "<text x=\""
          + fmt(x)
          + "\" y=\""
          + fmt(y + size * 0.35)
          + "\" font-family=\"Helvetica, Arial, sans-serif\""
          + " font-size=\""
          + fmt(size)
          + "\" text-anchor=\""
          + anchor
          + "\""
          + (bold ? " font-weight=\"bold\"" : "")
          + " fill=\""
          + paint()
          + "\""
          + extra
          + ">"
          + escape(s)
          + "</text>\n";
    }

    @Override
    public void text(String s, double x, double y, double size, int align, boolean bold) {
      body.append(
          textElement(
              s, x, y, size, align < 0 ? "start" : align == 0 ? "middle" : "end", bold, ""));
    }

    @Override
    public void verticalText(String s, double x, double y, double size) {
      body.append("<g transform=\"translate(")
          .append(fmt(x))
          .append(',')
          .append(fmt(y))
          .append(") rotate(-90)\">")
          .append(textElement(s, 0, 0, size, "middle", false, "").trim())
          .append("</g>\n");
    }

    @Override
    public double textWidth(String s, double size) {
      return new Font(Font.SANS_SERIF, Font.PLAIN, 1)
          .deriveFont((float) size)
          .getStringBounds(s, frc)
          .getWidth();
    }

    @Override
    public void clip(double x, double y, double w, double h) {
      clips++;
      body.append("<clipPath id=\"clip")
          .append(clips)
          .append("\"><rect x=\"")
          .append(fmt(x))
          .append("\" y=\"")
          .append(fmt(y))
          .append("\" width=\"")
          .append(fmt(w))
          .append("\" height=\"")
          .append(fmt(h))
          .append("\"/></clipPath>\n")
          .append("<g clip-path=\"url(#clip")
          .append(clips)
          .append(")\">\n");
    }

    @Override
    public void unclip() {
      body.append("</g>\n");
    }
  }
}
