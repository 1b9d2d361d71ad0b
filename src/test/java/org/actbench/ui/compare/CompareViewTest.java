package org.actbench.ui.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.actbench.chart.Callout;
import org.actbench.chart.LineChart;
import org.actbench.chart.Panels;
import org.actbench.data.Cifar10;
import org.actbench.data.Cifar10Reader;
import org.actbench.data.FileTrees;
import org.actbench.data.Progress;
import org.actbench.data.SampleSource;
import org.actbench.engine.ActivationSpec;
import org.actbench.engine.train.TrainingSink;
import org.actbench.experiment.Annotations;
import org.actbench.experiment.EventsCsv;
import org.actbench.experiment.RunFolder;
import org.actbench.experiment.RunStore;
import org.actbench.experiment.Runner;
import org.actbench.experiment.TrainSpec;
import org.actbench.export.RunStyles;
import org.actbench.metrics.MetricsSettings;
import org.actbench.metrics.ProbeSettings;
import org.actbench.testing.Cli;
import org.actbench.testing.FxClicks;
import org.actbench.testing.FxThreadGuard;
import org.actbench.testing.TinySpecs;
import org.actbench.ui.chart.FigurePane;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Compare tab on a store of real (tiny) runs, one of them damaged. */
@ExtendWith(ApplicationExtension.class)
class CompareViewTest {
  @TempDir static Path store;
  private CompareView view;
  private Stage stage;
  private FxThreadGuard guard;
  private final List<RunStore.Entry> resumed = new java.util.ArrayList<>();

  @BeforeAll
  static void trainFour() throws Exception {
    Cifar10 sample = Cifar10Reader.read(new SampleSource());
    for (String act : List.of("elu", "relu")) {
      for (long seed : List.of(1L, 2L)) {
        TrainSpec spec =
            TinySpecs.builder()
                .activation(ActivationSpec.of(act))
                .depth(2)
                .steps(20)
                .evalEvery(20)
                .seed(seed)
                .metrics(
                    new MetricsSettings(
                        5, 0, 20, new ProbeSettings(10, 8, "empirical", "shared", 1e-3, 512)))
                .build();
        RunFolder.create(store, spec)
            .train(new Runner(spec, sample, null, Progress.NONE), TrainingSink.NONE, () -> false);
      }
    }
    TrainSpec broken =
        TinySpecs.builder().activation("tanh").depth(2).steps(20).evalEvery(20).build();
    Path dir = RunFolder.create(store, broken).dir();
    Files.writeString(dir.resolve("metrics.csv"), "step,epoch,train_loss\n1,0,nan?\n");
  }

  @Start
  void start(Stage stage) {
    this.stage = stage;
    view = new CompareView(store, run -> resumed.add(run));
    stage.setScene(new Scene(view, 1200, 800));
    stage.show();
  }

  /** Fails the test if the window touches its scene off the FX thread or the store on it. */
  @BeforeEach
  void guard() {
    guard = FxThreadGuard.watching(stage, store);
  }

  @AfterEach
  void checkThreads() {
    guard.assertCleanAndClose();
  }

  /** Waits for a redraw asked for after {@code before} (figures are built off the FX thread). */
  private void drawnAfter(long before) throws Exception {
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> view.rendered() > before);
    WaitForAsyncUtils.waitForFxEvents();
  }

  @SuppressWarnings("unchecked")
  private static void choose(FxRobot robot, String box, String value) {
    robot.interact(() -> robot.lookup(box).queryAs(ChoiceBox.class).setValue(value));
  }

  @Test
  void groupsSeedsIntoBandsListsTheDamagedRunAndExportsWithSidecars(FxRobot robot)
      throws Exception {
    drawnAfter(0);
    TableView<?> table = robot.lookup("#store-runs").queryAs(TableView.class);
    assertThat(table.getItems()).hasSize(5);
    List<RunStore.Entry> runs = view.storeRuns();
    RunStore.Entry damaged = runs.stream().filter(e -> !e.usable()).findFirst().orElseThrow();
    assertThat(damaged.problem())
        .isEqualTo("metrics.csv line 2, column 'train_loss': expected a number, got 'nan?'");

    FigurePane pane = robot.lookup(".figure-pane").queryAs(FigurePane.class);
    LineChart chart = (LineChart) pane.figure();
    assertThat(chart.lines())
        .extracting(l -> l.label())
        .containsExactly("elu (n=2 seeds, 95% CI)", "relu (n=2 seeds, 95% CI)");
    assertThat(chart.lines().get(0).hasBand()).isTrue();
    // one colour per activation, the same as in the Runs tab and the exports
    assertThat(chart.lines())
        .extracting(l -> l.argb())
        .containsExactly(RunStyles.colour("elu"), RunStyles.colour("relu"));
    TableView<?> summary = robot.lookup("#summary").queryAs(TableView.class);
    assertThat(summary.getItems()).hasSize(2);

    long before = view.rendered();
    robot.interact(
        () ->
            robot
                .lookup("#paired-with")
                .queryAs(javafx.scene.control.ChoiceBox.class)
                .setValue("relu"));
    drawnAfter(before);
    assertThat(((LineChart) pane.figure()).lines())
        .extracting(l -> l.label())
        .containsExactly("elu - relu (n=2 seeds, 95% CI)");
    before = view.rendered();
    robot.interact(
        () ->
            robot
                .lookup("#paired-with")
                .queryAs(javafx.scene.control.ChoiceBox.class)
                .setValue("(none)"));
    drawnAfter(before);

    // the mean heatmap: one titled panel per group, never one group for all
    before = view.rendered();
    choose(robot, "#compare-chart", "unit-mean-heatmap");
    drawnAfter(before);
    assertThat(pane.figure()).isInstanceOf(Panels.class);
    assertThat(((Panels) pane.figure()).figures())
        .extracting(f -> f.title())
        .satisfiesExactly(
            t -> assertThat(t).startsWith("elu").contains("mean of 2 runs"),
            t -> assertThat(t).startsWith("relu").contains("mean of 2 runs"));
    before = view.rendered();
    choose(robot, "#compare-chart", "accuracy");
    drawnAfter(before);
    assertThat(((LineChart) pane.figure()).lines()) // test points: markers
        .allSatisfy(l -> assertThat(l.markers()).isTrue());
    before = view.rendered();
    choose(robot, "#compare-chart", "loss");
    drawnAfter(before);

    before = view.rendered();
    robot.clickOn("#group-seed"); // activation × seed: four single runs, no bands
    drawnAfter(before);
    assertThat(((LineChart) pane.figure()).lines())
        .hasSize(4)
        .allSatisfy(l -> assertThat(l.hasBand()).isFalse());

    Path svg = store.resolveSibling("compare-export.svg");
    pane.exportTo(svg.toFile()); // off the FX thread, as the Export button writes (it reads runs)
    assertThat(Files.readString(svg)).contains("<svg", ">train loss</text>");
    assertThat(Files.readString(Path.of(svg + ".json")))
        .contains("\"groupBy\" : [ \"activation\", \"seed\" ]");
    assertThat(Path.of(svg + ".csv")).isNotEmptyFile();

    RunStore.rename(runs.get(0), "ELU, first seed");
    RunStore.tag(runs.get(0), "lecture");
    before = view.rendered();
    robot.clickOn("#reload");
    drawnAfter(before);
    assertThat(view.storeRuns().get(0).displayName()).isEqualTo("ELU, first seed");
    assertThat(view.storeRuns().get(0).meta().tags()).containsExactly("lecture");
  }

  /**
   * A callout on the comparison's loss chart is kept with the first run of the group it was dropped
   * by, under the Runs tab's key for the loss; it is drawn in the pane's exports and in the export
   * command's (SVG, PDF, PNG), and goes again on "Remove this callout".
   */
  @Test
  void aCalloutOnTheComparisonStaysWithARunAndGoesIntoExports(FxRobot robot) throws Exception {
    drawnAfter(0);
    FigurePane pane = robot.lookup(".figure-pane").queryAs(FigurePane.class);
    Node plot = pane.getChildrenUnmodifiable().get(0);
    FxClicks.rightClickMiddle(robot, plot);
    robot.clickOn("Add callout here…");
    WaitForAsyncUtils.waitFor(
        30, TimeUnit.SECONDS, () -> robot.lookup("#callout-text").tryQuery().isPresent());
    robot.interact(
        () -> robot.lookup("#callout-text").queryAs(TextField.class).setText("ELU lower here"));
    robot.clickOn("OK");
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> pane.callouts().size() == 1);
    Callout c = pane.callouts().get(0);
    String near = ((LineChart) pane.figure()).nearestLine(c.x(), c.y());
    List<RunStore.Entry> keeping =
        view.storeRuns().stream()
            .filter(e -> !Annotations.read(e.dir()).notes().isEmpty())
            .toList();
    assertThat(keeping).hasSize(1);
    RunStore.Entry owner = keeping.get(0);
    assertThat(near).startsWith(owner.spec().activation().id() + " ");
    assertThat(Annotations.read(owner.dir()).notes())
        .containsExactly(new Annotations.Note("loss", c.x(), c.y(), "ELU lower here"));

    Path svg = store.resolveSibling("compare-callout.svg");
    pane.exportTo(svg.toFile());
    assertThat(Files.readString(svg)).contains("ELU lower here");
    assertThat(Files.readString(Path.of(svg + ".json"))).contains("\"calloutsKey\" : \"loss\"");

    for (String format : List.of("svg", "pdf", "png")) {
      Path out = store.resolveSibling("cli-callout." + format);
      Cli.Result r =
          Cli.run(
              store.getParent(),
              "export",
              "--store",
              store.toString(),
              "--group-by",
              "activation",
              "--chart",
              "loss",
              "--out",
              out.toString());
      assertThat(r.code()).as(r.err()).isZero();
      if (format.equals("svg")) {
        assertThat(Files.readString(out)).contains("ELU lower here");
      } else if (format.equals("pdf")) {
        try (var doc = Loader.loadPDF(out.toFile())) {
          assertThat(new PDFTextStripper().getText(doc)).contains("ELU lower here");
        }
      } else {
        assertThat(calloutPixels(out)).isGreaterThan(200); // the note's pale yellow box
      }
    }

    FxClicks.rightClickMiddle(robot, plot); // on the callout's point: it can go again
    robot.clickOn("Remove this callout");
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> pane.callouts().isEmpty());
    assertThat(Annotations.read(owner.dir()).notes()).isEmpty();
  }

  /** The pixels of a callout's fill (a pale yellow no curve uses) in a PNG. */
  private static int calloutPixels(Path png) throws Exception {
    BufferedImage image = ImageIO.read(png.toFile());
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        if (Math.abs(r - 0xFF) < 6 && Math.abs(g - 0xF6) < 6 && Math.abs(b - 0xD5) < 8) {
          n++;
        }
      }
    }
    return n;
  }

  @Test
  void aSpinnerTurnsWhileTheStoreAndFilesAreRead(FxRobot robot) throws Exception {
    drawnAfter(0);
    boolean[] during = new boolean[1];
    robot.interact(
        () -> {
          view.reload(); // read off the FX thread: its result cannot be back before this returns
          during[0] = view.isReading();
        });
    assertThat(during[0]).isTrue();
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !view.isReading());
    assertThat(robot.lookup("#compare-busy").queryAs(ProgressIndicator.class).isVisible())
        .isFalse();
  }

  @Test
  void aRunChangedLiveIsItsOwnGroupAndTheTabSaysWhy(FxRobot robot) throws Exception {
    Path other = Files.createTempDirectory("actbench-changed-store");
    try {
      List<RunStore.Entry> relu =
          RunStore.load(store).stream()
              .filter(e -> e.usable() && e.spec().activation().id().equals("relu"))
              .toList();
      for (RunStore.Entry e : relu) {
        Path copy = other.resolve(e.id());
        try (var files = Files.walk(e.dir())) {
          for (Path p : files.toList()) {
            Files.copy(p, copy.resolve(e.dir().relativize(p).toString()));
          }
        }
      }
      Files.writeString(
          other.resolve(relu.get(1).id()).resolve(EventsCsv.FILE),
          EventsCsv.HEADER + "\n10,lr,0.05,window\n");
      long before = view.rendered();
      robot.interact(() -> view.open(other));
      drawnAfter(before);
      FigurePane pane = robot.lookup(".figure-pane").queryAs(FigurePane.class);
      assertThat(((LineChart) pane.figure()).lines())
          .extracting(l -> l.label())
          .containsExactly(
              "relu live: lr→0.05 after step 10 (n=1, no band)",
              "relu no live change (n=1, no band)");
      assertThat(robot.lookup("#compare-message").queryAs(Label.class).getText())
          .contains(
              "run "
                  + relu.get(1).id()
                  + " did not train as its spec says (live: lr→0.05 after step 10): it is"
                  + " grouped and paired only with runs changed the same way");
    } finally {
      robot.interact(() -> view.open(store));
      FileTrees.delete(other);
    }
  }

  @Test
  void opensAnotherStoreAndShowsOneSweepsRuns(FxRobot robot) throws Exception {
    Path other = Files.createTempDirectory("actbench-other-store");
    try {
      List<RunStore.Entry> usable =
          RunStore.load(store).stream().filter(RunStore.Entry::usable).toList();
      for (RunStore.Entry e : usable.subList(0, 3)) {
        Path copy = other.resolve(e.id());
        try (var files = Files.walk(e.dir())) {
          for (Path p : files.toList()) {
            Files.copy(p, copy.resolve(e.dir().relativize(p).toString()));
          }
        }
      }
      List<RunStore.Entry> copies = RunStore.load(other);
      RunStore.tag(copies.get(0), "sweep:demo");
      RunStore.tag(copies.get(2), "sweep:demo");
      robot.interact(() -> view.open(other));
      WaitForAsyncUtils.waitForFxEvents();
      TableView<?> table = robot.lookup("#store-runs").queryAs(TableView.class);
      assertThat(table.getItems()).hasSize(3);
      javafx.scene.control.ChoiceBox<?> tags =
          robot.lookup("#tag-filter").queryAs(javafx.scene.control.ChoiceBox.class);
      // the other test may have tagged a run "lecture" before the copies were made
      assertThat(tags.getItems())
          .extracting(Object::toString)
          .startsWith("(all)")
          .contains("sweep:demo");
      robot.interact(
          () ->
              robot
                  .lookup("#tag-filter")
                  .queryAs(javafx.scene.control.ChoiceBox.class)
                  .setValue("sweep:demo"));
      WaitForAsyncUtils.waitForFxEvents();
      assertThat(view.storeRuns())
          .extracting(RunStore.Entry::id)
          .containsExactly(copies.get(0).id(), copies.get(2).id());
      FigurePane pane = robot.lookup(".figure-pane").queryAs(FigurePane.class);
      assertThat(((LineChart) pane.figure()).lines()).isNotEmpty();
    } finally {
      org.actbench.data.FileTrees.delete(other);
    }
  }
}
