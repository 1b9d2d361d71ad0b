package org.actbench.ui.chart;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import org.actbench.chart.Surface;

/** {@link Surface} on a JavaFX canvas: the window draws exactly what the exporters draw. */
public final class FxSurface implements Surface {
  private final GraphicsContext g;
  private final Text measure = new Text();

  public FxSurface(GraphicsContext g) {
    this.g = g;
    g.setLineCap(StrokeLineCap.ROUND);
  }

  private static Color fx(int argb) {
    return Color.rgb((argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF, ((argb >>> 24) & 0xFF) / 255.0);
  }

  @Override
  public void color(int argb) {
    Color c = fx(argb);
    g.setStroke(c);
    g.setFill(c);
  }

  @Override
  public void lineWidth(double width) {
    g.setLineWidth(width);
  }

  @Override
  public void line(double x1, double y1, double x2, double y2) {
    g.strokeLine(x1, y1, x2, y2);
  }

  @Override
  public void polyline(double[] xs, double[] ys, int n) {
    if (n >= 2) {
      g.strokePolyline(xs, ys, n);
    }
  }

  @Override
  public void fillPolygon(double[] xs, double[] ys, int n) {
    if (n >= 3) {
      g.fillPolygon(xs, ys, n);
    }
  }

  @Override
  public void fillRect(double x, double y, double w, double h) {
    g.fillRect(x, y, w, h);
  }

  @Override
  public void strokeRect(double x, double y, double w, double h) {
    g.strokeRect(x, y, w, h);
  }

  private static Font font(double size, boolean bold) {
    return Font.font("System", bold ? FontWeight.BOLD : FontWeight.NORMAL, size);
  }

  @Override
  public void text(String s, double x, double y, double size, int align, boolean bold) {
    g.setFont(font(size, bold));
    g.setTextAlign(align < 0 ? TextAlignment.LEFT : align == 0 ? TextAlignment.CENTER : TextAlignment.RIGHT);
    g.setTextBaseline(VPos.CENTER);
    g.fillText(s, x, y);
  }

  @Override
  public void verticalText(String s, double x, double y, double size) {
    g.save();
    g.translate(x, y);
    g.rotate(-90);
    text(s, 0, 0, size, 0, false);
    g.restore();
  }

  @Override
  public double textWidth(String s, double size) {
    measure.setFont(font(size, false));
    measure.setText(s);
    return measure.getLayoutBounds().getWidth();
  }

  @Override
  public void clip(double x, double y, double w, double h) {
    g.save();
    g.beginPath();
    g.rect(x, y, w, h);
    g.clip();
  }

  @Override
  public void unclip() {
    g.restore();
  }
}
