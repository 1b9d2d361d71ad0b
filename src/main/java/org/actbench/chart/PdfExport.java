package org.actbench.chart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.apache.pdfbox.util.Matrix;

/**
 * Draws a {@link Figure} as a one-page PDF with PDFBox: vector paths and text as text (Helvetica, a
 * standard font every reader has). Characters outside its encoding are spelled out (ρ → rho).
 */
public final class PdfExport {
  private PdfExport() {}

  public static void write(Figure figure, Path file, double width, double height)
      throws IOException {
    Exports.atomicWrite(file, bytes(figure, width, height));
  }

  public static byte[] bytes(Figure figure, double width, double height) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDPage page = new PDPage(new PDRectangle((float) width, (float) height));
      doc.addPage(page);
      doc.getDocumentInformation().setTitle(figure.title());
      doc.getDocumentInformation().setCreator("ActBench");
      try (PDPageContentStream out = new PDPageContentStream(doc, page)) {
        try {
          figure.paint(new PdfSurface(out, height), width, height);
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      doc.save(bytes);
      return bytes.toByteArray();
    }
  }

  /** Helvetica's WinAnsi encoding lacks Greek and some symbols: spell them out. */
  static String encodable(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      switch (c) {
        case 'ρ' -> b.append("rho");
        case 'α' -> b.append("alpha");
        case 'μ' -> b.append("mu");
        case 'λ' -> b.append("lambda");
        case 'δ' -> b.append("delta");
        case '′' -> b.append('\'');
        case '‖' -> b.append('|');
        case '−' -> b.append('-');
        case '≤' -> b.append("<=");
        case '≥' -> b.append(">=");
        case '²' -> b.append('²');
        case '⁻' -> b.append('^');
        case '¹' -> b.append('¹');
        default -> b.append(c < 0x2000 && c != 'ˣ' ? c : '?');
      }
    }
    return b.toString();
  }

  private static final class PdfSurface implements Surface {
    private final PDPageContentStream out;
    private final double height;
    private final PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private int argb = 0xFF000000;

    PdfSurface(PDPageContentStream out, double height) {
      this.out = out;
      this.height = height;
    }

    private float y(double v) {
      return (float) (height - v);
    }

    private interface Io {
      void run() throws IOException;
    }

    private static void io(Io body) {
      try {
        body.run();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void color(int c) {
      argb = c;
      io(
          () -> {
            float r = ((c >> 16) & 0xFF) / 255f;
            float g = ((c >> 8) & 0xFF) / 255f;
            float b = (c & 0xFF) / 255f;
            out.setStrokingColor(r, g, b);
            out.setNonStrokingColor(r, g, b);
            int a = (c >>> 24) & 0xFF;
            if (a != alphaSet) { // one graphics state per opacity, not one per colour change
              out.setGraphicsStateParameters(
                  alphaStates.computeIfAbsent(a, PdfSurface::alphaState));
              alphaSet = a;
            }
          });
    }

    private final java.util.Map<Integer, PDExtendedGraphicsState> alphaStates =
        new java.util.HashMap<>();
    private int alphaSet = -1;

    private static PDExtendedGraphicsState alphaState(int alpha) {
      PDExtendedGraphicsState state = new PDExtendedGraphicsState();
      state.setNonStrokingAlphaConstant(alpha / 255f);
      state.setStrokingAlphaConstant(alpha / 255f);
      return state;
    }

    @Override
    public void lineWidth(double w) {
      io(
          () -> {
            out.setLineWidth((float) w);
            out.setLineCapStyle(1);
            out.setLineJoinStyle(1);
            out.setLineDashPattern(new float[0], 0);
          });
    }

    @Override
    public void dash(double... pattern) {
      float[] on = new float[pattern.length];
      for (int i = 0; i < on.length; i++) {
        on[i] = (float) pattern[i];
      }
      io(
          () -> {
            out.setLineCapStyle(on.length == 0 ? 1 : 0);
            out.setLineDashPattern(on, 0);
          });
    }

    @Override
    public void line(double x1, double y1, double x2, double y2) {
      io(
          () -> {
            out.moveTo((float) x1, y(y1));
            out.lineTo((float) x2, y(y2));
            out.stroke();
          });
    }

    @Override
    public void polyline(double[] xs, double[] ys, int n) {
      if (n < 2) {
        return;
      }
      io(
          () -> {
            out.moveTo((float) xs[0], y(ys[0]));
            for (int i = 1; i < n; i++) {
              out.lineTo((float) xs[i], y(ys[i]));
            }
            out.stroke();
          });
    }

    @Override
    public void fillPolygon(double[] xs, double[] ys, int n) {
      if (n < 3) {
        return;
      }
      io(
          () -> {
            out.moveTo((float) xs[0], y(ys[0]));
            for (int i = 1; i < n; i++) {
              out.lineTo((float) xs[i], y(ys[i]));
            }
            out.closePath();
            out.fill();
          });
    }

    @Override
    public void fillRect(double x, double yTop, double w, double h) {
      io(
          () -> {
            out.addRect((float) x, y(yTop + h), (float) w, (float) h);
            out.fill();
          });
    }

    @Override
    public void strokeRect(double x, double yTop, double w, double h) {
      io(
          () -> {
            out.addRect((float) x, y(yTop + h), (float) w, (float) h);
            out.stroke();
          });
    }

    private float width(String s, double size, boolean isBold) {
      try {
        return (isBold ? bold : font).getStringWidth(encodable(s)) / 1000f * (float) size;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void text(String s, double x, double yc, double size, int align, boolean isBold) {
      float w = width(s, size, isBold);
      float dx = align < 0 ? 0 : align == 0 ? -w / 2 : -w;
      io(
          () -> {
            out.beginText();
            out.setFont(isBold ? bold : font, (float) size);
            out.newLineAtOffset((float) x + dx, y(yc + size * 0.35));
            out.showText(encodable(s));
            out.endText();
          });
    }

    @Override
    public void verticalText(String s, double x, double yc, double size) {
      float w = width(s, size, false);
      io(
          () -> {
            out.beginText();
            out.setFont(font, (float) size);
            // rotated 90° counter-clockwise about (x, y): the text runs upward, centred on y
            out.setTextMatrix(new Matrix(0, 1, -1, 0, (float) (x + size * 0.35), y(yc) - w / 2));
            out.showText(encodable(s));
            out.endText();
          });
    }

    @Override
    public double textWidth(String s, double size) {
      return width(s, size, false);
    }

    @Override
    public void clip(double x, double yTop, double w, double h) {
      io(
          () -> {
            out.saveGraphicsState();
            out.addRect((float) x, y(yTop + h), (float) w, (float) h);
            out.clip();
          });
    }

    @Override
    public void unclip() {
      io(
          () -> {
            out.restoreGraphicsState();
            alphaSet = -1; // the restored state has the opacity of before the clip
            color(argb);
          });
    }
  }
}
