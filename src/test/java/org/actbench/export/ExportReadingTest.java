package org.actbench.export;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.actbench.chart.Exports;
import org.actbench.chart.Figure;
import org.actbench.chart.Heatmap;
import org.actbench.chart.LineChart;
import org.actbench.chart.Panels;
import org.actbench.data.Cifar10;
import org.actbench.data.Cifar10Reader;
import org.actbench.data.Progress;
import org.actbench.data.SampleSource;
import org.actbench.engine.train.TrainingSink;
import org.actbench.experiment.RunFolder;
import org.actbench.experiment.RunStore;
import org.actbench.experiment.Runner;
import org.actbench.experiment.Smoothing;
import org.actbench.experiment.TrainSpec;
import org.actbench.metrics.MetricsSettings;
import org.actbench.metrics.ProbeSettings;
import org.actbench.testing.TinySpecs;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports that say what they show: a heatmap per group, colours per activation, no silent empty
 * figure.
 */
class ExportReadingTest {
  @TempDir static Path store;
  @TempDir Path out;

  /** ELU and ReLU, two seeds each, 20 steps; the ReLU runs log no histograms. */
  @BeforeAll
  static void train() throws Exception {
    Cifar10 sample = Cifar10Reader.read(new SampleSource());
    for (String act : List.of("elu", "relu")) {
      for (long seed : List.of(1L, 2L)) {
        MetricsSettings m =
            new MetricsSettings(
                5,
                act.equals("elu") ? 10 : 0,
                20,
                new ProbeSettings(0, 8, "empirical", "shared", 1e-3, 512));
        TrainSpec spec = TinySpecs.of(act, 2, seed, 20, 10, m);
        RunFolder.create(store, spec)
            .train(new Runner(spec, sample, null, Progress.NONE), TrainingSink.NONE, () -> false);
      }
    }
  }

  static FigureExport.Request request(
      String chart, List<RunStore.Entry> runs, List<String> groupBy) {
    return new FigureExport.Request(
        ChartKind.parse(chart),
        runs,
        groupBy,
        null,
        null,
        new Smoothing.None(),
        Exports.Format.PNG,
        640,
        400,
        72,
        false,
        null,
        false,
        false);
  }

  @Test
  void theMeanHeatmapIsOnePanelPerGroupOnOneScaleNeverOneGroupForAll() throws Exception {
    List<RunStore.Entry> runs = RunStore.load(store);
    Path file = out.resolve("heatmap.png");
    Figure figure =
        FigureExport.write(request("unit-mean-heatmap", runs, List.of("activation")), file);
    assertThat(figure).isInstanceOf(Panels.class);
    List<Figure> panels = ((Panels) figure).figures();
    assertThat(panels)
        .extracting(Figure::title)
        .hasSize(2)
        .anySatisfy(t -> assertThat(t).startsWith("elu").contains("mean of 2 runs"))
        .anySatisfy(t -> assertThat(t).startsWith("relu").contains("mean of 2 runs"));
    Heatmap elu = (Heatmap) panels.get(0);
    Heatmap relu = (Heatmap) panels.get(1);
    assertThat(elu.snapshot().dataExtent()).isNotEqualTo(relu.snapshot().dataExtent());
    String csv = Files.readString(Path.of(file + ".csv"));
    assertThat(csv).contains("\nelu", "\nrelu");
    // ungrouped: one panel per run, titled with its id
    Figure perRun = FigureExport.figure(request("unit-mean-heatmap", runs, List.of()));
    assertThat(((Panels) perRun).figures())
        .extracting(Figure::title)
        .containsExactlyElementsOf(runs.stream().map(RunStore.Entry::id).toList());
  }

  @Test
  void aRunNamedWithACommaQuotesAndALineEndKeepsItsNameInTheCsv() throws Exception {
    Path copy = out.resolve("store");
    Path run = RunStore.load(store).get(0).dir();
    Files.createDirectories(copy);
    try (var files = Files.walk(run)) {
      for (Path f : files.toList()) {
        Files.copy(f, copy.resolve(run.getFileName()).resolve(run.relativize(f).toString()));
      }
    }
    String name = "elu, \"α=0.5\"\nsecond try";
    RunStore.rename(RunStore.load(copy).get(0), name);
    Path file = out.resolve("loss.png");
    FigureExport.write(request("loss", RunStore.load(copy), List.of()), file);
    try (CSVParser csv = CSVParser.parse(Path.of(file + ".csv"), UTF_8, CSVFormat.RFC4180)) {
      List<CSVRecord> records = csv.getRecords();
      assertThat(records.get(0).values())
          .containsExactly("series", "x", "y", "ci_low", "ci_high", "raw");
      assertThat(records.subList(1, records.size()))
          .isNotEmpty()
          .allSatisfy(r -> assertThat(r.get(0)).isEqualTo(name));
    }
  }

  @Test
  void sidecarsAreReadableByOthersLikeTheFigure() throws Exception {
    Path file = out.resolve("loss.png");
    FigureExport.write(request("loss", RunStore.load(store), List.of("activation")), file);
    String png = PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(file + ".json"))))
        .isEqualTo(png);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(file + ".csv"))))
        .isEqualTo(png);
    assertThat(png).startsWith("rw-r");
  }

  @Test
  void colourFollowsTheActivationAndTestPointsAreMarkers() throws Exception {
    List<RunStore.Entry> runs = RunStore.load(store);
    LineChart loss = (LineChart) FigureExport.figure(request("loss", runs, List.of("activation")));
    assertThat(loss.lines())
        .extracting(l -> l.argb())
        .containsExactly(RunStyles.colour("elu"), RunStyles.colour("relu"));
    LineChart bySeed =
        (LineChart) FigureExport.figure(request("loss", runs, List.of("activation", "seed")));
    assertThat(bySeed.lines()).extracting(l -> l.argb()).doesNotHaveDuplicates(); // seeds as shades
    assertThat(bySeed.lines().get(0).argb() & 0xFF)
        .isLessThan(RunStyles.colour("elu") & 0xFF); // darker first
    LineChart accuracy =
        (LineChart) FigureExport.figure(request("accuracy", runs, List.of("activation")));
    assertThat(accuracy.lines()).allSatisfy(l -> assertThat(l.markers()).isTrue());
  }

  @Test
  void aChartWithNothingToDrawIsSkippedAndSaysWhyNotExportedEmpty() throws Exception {
    List<RunStore.Entry> runs = RunStore.load(store);
    List<RunStore.Entry> relu =
        runs.stream().filter(e -> e.spec().activation().id().equals("relu")).toList();
    assertThatThrownBy(
            () -> FigureExport.write(request("histogram", relu, List.of()), out.resolve("h.png")))
        .hasMessageContaining("no histogram logged yet")
        .hasMessageContaining(relu.get(0).id());
    assertThat(out.resolve("h.png")).doesNotExist();
    // some runs without: drawn, and the title names them
    Figure mixed = FigureExport.figure(request("histogram", runs, List.of()));
    assertThat(mixed.title()).contains("no histogram yet: " + relu.get(0).id());
    List<String> skipped = new ArrayList<>();
    List<Path> written =
        FigureExport.writeAll(
            request("loss", relu, List.of("activation")), out.resolve("all"), skipped::add);
    assertThat(skipped)
        .containsExactly( // these runs had the bias-shift probe off, and no histograms
            "bias-shift: no bias_shift_rho logged yet in "
                + relu.stream().map(RunStore.Entry::id).toList()
                + ": nothing to draw",
            "histogram: no histogram logged yet in "
                + relu.stream().map(RunStore.Entry::id).toList()
                + ": nothing to draw");
    assertThat(written).hasSize(FigureExport.CHARTS.size() - 2);
    assertThat(Files.readString(out.resolve("all/index.md")))
        .contains("- histogram: skipped (no histogram");
  }
}
