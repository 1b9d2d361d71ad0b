package org.actbench.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guides (labelled reference lines) and callouts over figures, on screen and in every export. */
class OverlaysTest {
  @TempDir Path tmp;

  private static LineChart means() {
    Series s = new Series();
    for (int i = 0; i <= 100; i++) {
      s.add(i, 0.05 + 0.001 * i);
    }
    LineChart chart = new LineChart("Unit means", "step", "unit mean");
    chart.setIncludeZero(true);
    chart.add(Line.of("elu", Palette.categorical(0), s));
    return chart;
  }

  @Test
  void aGuideIsDrawnLabelledAndTheAxisReachesIt() {
    LineChart chart = means();
    double before = chart.yRange(chart.xRange()).hi();
    chart.addGuide(new Guide("ReLU: E[f(x)] = 0.399", 0.399, 0xFFD55E00));
    chart.addGuide(new Guide("zero mean", 0, 0xFF555555));
    assertThat(before).isLessThan(0.399);
    assertThat(chart.yRange(chart.xRange()).hi()).isGreaterThan(0.399);
    ChartTest.Recorder r = new ChartTest.Recorder();
    chart.snapshot().paint(r, 600, 400); // a snapshot keeps the guides
    assertThat(r.texts).contains("ReLU: E[f(x)] = 0.399", "zero mean");
    chart.clear();
    assertThat(chart.guides()).isEmpty();
  }

  @Test
  void labelsOfCloseGuidesDoNotOverlap() {
    LineChart chart = means();
    chart.addGuide(new Guide("a", 0.100, 0xFF0072B2));
    chart.addGuide(new Guide("b", 0.101, 0xFFD55E00));
    List<Double> ys = new java.util.ArrayList<>();
    Surface s = // a surface that keeps where the two labels go
        (Surface)
            java.lang.reflect.Proxy.newProxyInstance(
                Surface.class.getClassLoader(),
                new Class<?>[] {Surface.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("text")
                      && (args[0].equals("a") || args[0].equals("b"))) {
                    ys.add((Double) args[2]);
                  }
                  return method.getName().equals("textWidth") ? 10.0 : null;
                });
    chart.paint(s, 600, 400);
    assertThat(Math.abs(ys.get(0) - ys.get(1))).isGreaterThanOrEqualTo(LineChart.FONT);
  }

  @Test
  void aCalloutSitsAtItsDataPointWhateverTheView() {
    LineChart chart = means();
    double[] p = chart.pixelOf(50, 0.1, 600, 400);
    double[] back = chart.pointAt(p[0], p[1], 600, 400);
    assertThat(back[0]).isCloseTo(50, within(1e-9));
    assertThat(back[1]).isCloseTo(0.1, within(1e-9));
    chart.zoom(0.5, 100, 600); // zoomed in: the same point moves on screen
    double[] zoomed = chart.pixelOf(50, 0.1, 600, 400);
    assertThat(zoomed == null || zoomed[0] != p[0]).isTrue();
    chart.resetView();
    assertThat(chart.pixelOf(500, 0.1, 600, 400)).isNull(); // out of view: not drawn
  }

  @Test
  void calloutsGoIntoPngSvgAndPdf() throws Exception {
    LineChart chart = means();
    chart.addGuide(new Guide("zero mean", 0, 0xFF555555));
    Figure annotated = new Annotated(chart, List.of(new Callout(60, 0.11, "ELU stays near 0")));
    Path svg = tmp.resolve("m.svg");
    Exports.write(annotated, Exports.Format.SVG, svg, 600, 400, 150);
    assertThat(Files.readString(svg)).contains("ELU stays near 0", "zero mean");
    Path pdf = tmp.resolve("m.pdf");
    Exports.write(annotated, Exports.Format.PDF, pdf, 600, 400, 150);
    try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
      String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
      assertThat(text).contains("ELU stays near 0", "zero mean");
    }
    Path png = tmp.resolve("m.png");
    Path plain = tmp.resolve("plain.png");
    Exports.write(annotated, Exports.Format.PNG, png, 600, 400, 72);
    Exports.write(chart, Exports.Format.PNG, plain, 600, 400, 72);
    BufferedImage a = ImageIO.read(png.toFile());
    BufferedImage b = ImageIO.read(plain.toFile());
    double[] at = chart.pixelOf(60, 0.11, 600, 400);
    int x = (int) Math.round(at[0]);
    int y = (int) Math.round(at[1]);
    assertThat(a.getRGB(x, y)).isNotEqualTo(b.getRGB(x, y)); // the callout's dot is there
  }

  @Test
  void aCalloutOnAFigureWithoutAxesKeepsItsShareOfTheFigure() {
    Figure bars = new Bars("Activation values", "activation value");
    double[] p = bars.pixelOf(0.25, 0.5, 800, 400);
    assertThat(p).containsExactly(200, 200);
    ChartTest.Recorder r = new ChartTest.Recorder();
    new Annotated(bars, List.of(new Callout(0.25, 0.5, "two\nlines"))).paint(r, 800, 400);
    assertThat(r.texts).contains("two", "lines");
  }
}
