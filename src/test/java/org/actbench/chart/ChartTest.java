package org.actbench.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartTest {
  @TempDir Path tmp;

  /** Records what is drawn. */
  static final class Recorder implements Surface {
    final List<double[]> polylines = new ArrayList<>();
    final List<String> texts = new ArrayList<>();

    /** Each text's right edge (x where it ends), by text. */
    final java.util.Map<String, Double> rightEdges = new java.util.HashMap<>();

    final List<String> vertical = new ArrayList<>();
    int polygons;
    int dashed;

    @Override
    public void color(int argb) {}

    @Override
    public void lineWidth(double width) {}

    @Override
    public void dash(double... pattern) {
      dashed += pattern.length > 0 ? 1 : 0;
    }

    @Override
    public void line(double x1, double y1, double x2, double y2) {}

    @Override
    public void polyline(double[] xs, double[] ys, int n) {
      double[] copy = new double[2 * n];
      for (int i = 0; i < n; i++) {
        copy[2 * i] = xs[i];
        copy[2 * i + 1] = ys[i];
      }
      polylines.add(copy);
    }

    @Override
    public void fillPolygon(double[] xs, double[] ys, int n) {
      polygons++;
    }

    @Override
    public void fillRect(double x, double y, double w, double h) {}

    @Override
    public void strokeRect(double x, double y, double w, double h) {}

    @Override
    public void text(String s, double x, double y, double size, int align, boolean bold) {
      texts.add(s);
      double w = textWidth(s, size);
      rightEdges.put(s, align < 0 ? x + w : align == 0 ? x + w / 2 : x);
    }

    @Override
    public void verticalText(String s, double x, double y, double size) {
      texts.add(s);
      vertical.add(s);
    }

    @Override
    public double textWidth(String s, double size) {
      return s.length() * size * 0.6;
    }

    @Override
    public void clip(double x, double y, double w, double h) {}

    @Override
    public void unclip() {}
  }

  static LineChart spiky(int points) {
    Series s = new Series();
    for (int i = 0; i < points; i++) {
      s.add(i, i == 54_321 ? 50 : 1 + Math.sin(i / 1000.0) * 0.1);
    }
    LineChart chart = new LineChart("Training loss", "step", "loss");
    chart.add(Line.of("elu", Palette.categorical(0), s));
    return chart;
  }

  @Test
  void drawsAtMostTwoPointsPerPixelColumnAndKeepsASpike() {
    Recorder r = new Recorder();
    spiky(100_000).paint(r, 800, 400);
    double[] drawn = r.polylines.get(0);
    int n = drawn.length / 2;
    assertThat(n).isLessThanOrEqualTo(2 * (800 - 64 - 14) + 2);
    double top = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      top = Math.min(top, drawn[2 * i + 1]);
    }
    assertThat(top).isLessThan(LineChart.TOP + 20); // the spike reaches the top of the plot
    assertThat(r.texts).contains("Training loss", "step", "loss", "elu");
  }

  @Test
  void aFrozenSeriesAndASnapshotKeepWhatTheyHadWhileTheOriginalsChange() {
    Series s = new Series();
    for (int i = 0; i < 60; i++) {
      s.add(i, i * i);
    }
    Series frozen = s.frozen();
    for (int i = 60; i < 200; i++) { // grows past its arrays: new ones
      s.add(i, -1);
    }
    assertThat(frozen.size()).isEqualTo(60);
    assertThat(frozen.y(59)).isEqualTo(59 * 59);
    s.clear();
    s.add(0, 42);
    assertThat(frozen.y(0)).isEqualTo(0); // clear starts new arrays
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> frozen.add(1, 1))
        .isInstanceOf(UnsupportedOperationException.class);

    LineChart chart = spiky(101);
    chart.zoom(0.5, LineChart.LEFT, 800);
    chart.setLogY(true);
    LineChart copy = chart.snapshot();
    chart.lines().get(0).series().add(101, 5);
    chart.add(Line.of("relu", 0xFF000000, new Series()));
    chart.resetView();
    chart.setLogY(false);
    assertThat(copy.lines()).hasSize(1);
    assertThat(copy.lines().get(0).series().size()).isEqualTo(101);
    assertThat(copy.xRange()).containsExactly(0, 50);
    assertThat(copy.logY()).isTrue();
  }

  @Test
  void zoomAndPanMoveTheXRangeAndTheReadOutNamesTheNearestPoint() {
    LineChart chart = spiky(1001);
    assertThat(chart.xRange()).containsExactly(0, 1000);
    chart.zoom(0.5, LineChart.LEFT, 800); // anchored at the left edge
    assertThat(chart.xRange()[0]).isEqualTo(0);
    assertThat(chart.xRange()[1]).isEqualTo(500);
    chart.pan(-(800 - LineChart.LEFT - LineChart.RIGHT) / 5.0, 800);
    assertThat(chart.xRange()[0]).isCloseTo(100, org.assertj.core.data.Offset.offset(1e-9));
    chart.resetView();
    double px = LineChart.LEFT + (800 - LineChart.LEFT - LineChart.RIGHT) * 0.5;
    assertThat(chart.describe(px, 200, 800, 400)).isEqualTo("elu: step 500, loss 1.04794");
  }

  @Test
  void pngHasTheSizeOfItsDpiAndIsNotBlank() throws Exception {
    Path file = tmp.resolve("loss.png");
    PngExport.write(spiky(2000), file, 400, 250, 144);
    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image.getWidth()).isEqualTo(800);
    assertThat(image.getHeight()).isEqualTo(500);
    int colours =
        (int)
            java.util.stream.IntStream.range(0, 800)
                .map(x -> image.getRGB(x, 250))
                .distinct()
                .count();
    assertThat(colours).isGreaterThan(3);
  }

  /**
   * A legend stays inside the plot however long its labels (run ids at a presenter's scale): a
   * label too wide keeps its start and its end around "…"; one that fits is left whole.
   */
  @Test
  void aLegendTooWideForThePlotKeepsEachLabelsStartAndEnd() {
    String id = "relu-d6-w8-s1-20261130-211956 (median of the layers' medians)";
    LineChart chart = spiky(100);
    chart.add(Line.of(id, Palette.categorical(1), chart.lines().get(0).series()));
    Recorder wide = new Recorder();
    chart.paint(wide, 1200, 400);
    assertThat(wide.texts).contains(id, "elu");

    Recorder narrow = new Recorder();
    chart.paint(narrow, 320, 300);
    String shown = narrow.texts.stream().filter(t -> t.contains("…")).findFirst().orElseThrow();
    assertThat(shown).startsWith("relu-d6").endsWith("medians)");
    assertThat(narrow.texts).contains("elu").doesNotContain(id);
    assertThat(narrow.rightEdges.get(shown)).isLessThanOrEqualTo(320 - LineChart.RIGHT);
    assertThat(narrow.textWidth(shown, 10)).isLessThan(narrow.textWidth(id, 10));
  }

  @Test
  void anEmptyTextWiderThanThePlotWrapsAtSpacesWithinIt() {
    String why = "no probe yet: the 5 % measurement budget has not paid for one (~30 steps)";
    LineChart chart = new LineChart("Bias shift", "step", "ρ");
    chart.setEmptyText(why);
    Recorder wide = new Recorder();
    chart.paint(wide, 1200, 400);
    assertThat(wide.texts).contains(why);

    Recorder narrow = new Recorder();
    chart.paint(narrow, 300, 300);
    double plotRight = 300 - LineChart.RIGHT;
    List<String> rows =
        narrow.texts.stream().filter(t -> why.contains(t) && t.contains(" ")).toList();
    assertThat(rows).hasSizeGreaterThan(1);
    assertThat(String.join(" ", rows)).isEqualTo(why);
    assertThat(rows).allSatisfy(r -> assertThat(narrow.rightEdges.get(r)).isLessThan(plotRight));
  }

  @Test
  void svgIsXmlWithTheLabelsAsText() throws Exception {
    LineChart chart = spiky(5000);
    chart.lines().get(0).series(); // the curve has a band-free line and a legend entry
    Path file = tmp.resolve("loss.svg");
    SvgExport.write(chart, file, 500, 300);
    var doc =
        javax.xml.parsers.DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(file.toFile());
    var texts = doc.getElementsByTagName("text");
    List<String> words = new ArrayList<>();
    for (int i = 0; i < texts.getLength(); i++) {
      words.add(texts.item(i).getTextContent());
    }
    assertThat(words).contains("Training loss", "step", "loss", "elu");
    assertThat(doc.getElementsByTagName("polyline").getLength()).isEqualTo(1);
  }

  @Test
  void pdfIsAValidDocumentWithTheLabelsAsText() throws Exception {
    LineChart chart = new LineChart("Bias shift", "step", "ρ");
    Series s = new Series();
    for (int i = 0; i < 50; i++) {
      s.add(i * 10, 0.9 + i * 0.001);
    }
    chart.add(Line.of("elu-d8 (α=1)", Palette.categorical(0), s));
    Path file = tmp.resolve("bias.pdf");
    PdfExport.write(chart, file, 500, 300);
    try (var pdf = org.apache.pdfbox.Loader.loadPDF(file.toFile())) {
      assertThat(pdf.getNumberOfPages()).isEqualTo(1);
      String text = new org.apache.pdfbox.text.PDFTextStripper().getText(pdf);
      assertThat(text).contains("Bias shift", "step", "elu-d8 (alpha=1)");
      assertThat(text.replaceAll("\\s", ""))
          .contains("rho"); // the y label is turned: extracted in pieces
    }
  }

  @Test
  void ticksAreRoundNumbersAndLabelsAreShort() {
    assertThat(Ticks.linear(0, 1, 5)).containsExactly(0.0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0);
    java.util.Comparator<Double> close =
        (a, b) -> Math.abs(a - b) < 1e-12 ? 0 : Double.compare(a, b);
    assertThat(Ticks.log(0.05, 10, 10))
        .usingElementComparator(close)
        .containsExactly(0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0);
    assertThat(Ticks.log(0.001, 100, 10)).containsExactly(0.001, 0.01, 0.1, 1.0, 10.0, 100.0);
    // a loss axis within a decade: every integer, not just 5 and 10
    assertThat(Ticks.log(1.6, 10.5, 12))
        .usingElementComparator(close)
        .containsExactly(2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0);
    assertThat(Ticks.log(1.6, 10.5, 5))
        .usingElementComparator(close)
        .containsExactly(2.0, 5.0, 10.0);
    // no multiple of a power of ten within: linear ticks
    assertThat(Ticks.log(1.8, 2.4, 10)).hasSizeGreaterThanOrEqualTo(2);
    assertThat(Ticks.format(0.25)).isEqualTo("0.25");
    assertThat(Ticks.format(1500)).isEqualTo("1500");
    assertThat(Ticks.format(2.5e-5)).isEqualTo("2.5e-5");
  }
}
