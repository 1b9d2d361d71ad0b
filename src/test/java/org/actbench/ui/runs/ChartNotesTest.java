package org.actbench.ui.runs;

import static org.actbench.ui.runs.WorkbenchTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.actbench.chart.Guide;
import org.actbench.chart.MapGrid;
import org.actbench.data.Cifar10;
import org.actbench.data.Cifar10Reader;
import org.actbench.data.Progress;
import org.actbench.data.SampleSource;
import org.actbench.engine.train.Snapshot;
import org.actbench.engine.train.TrainingSink;
import org.actbench.experiment.Annotations;
import org.actbench.experiment.RunFolder;
import org.actbench.experiment.Runner;
import org.actbench.experiment.TrainSpec;
import org.actbench.testing.Cli;
import org.actbench.testing.FxClicks;
import org.actbench.testing.FxThreadGuard;
import org.actbench.testing.TinySpecs;
import org.actbench.ui.chart.FigurePane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The unit-means chart's theory overlay, a callout dropped by a right click that stays with its run
 * (and is drawn into exports), a damaged annotations file that harms only its own run, and "Copy
 * chart".
 */
@ExtendWith(ApplicationExtension.class)
class ChartNotesTest {
  @TempDir static Path store;
  @TempDir static Path out;
  private static final Cifar10 SAMPLE = Cifar10Reader.read(new SampleSource());
  private static Path good;
  private static Path damaged;
  private WorkbenchView view;
  private Stage stage;
  private FxThreadGuard guard;

  /** A finished ReLU run, and a copy of it whose annotations file is garbage. */
  @BeforeAll
  static void runs() throws Exception {
    TrainSpec spec = TinySpecs.of("relu", 2, 1, 20, 10, null);
    RunFolder folder = RunFolder.create(store, spec);
    folder.train(new Runner(spec, SAMPLE, null, Progress.NONE), TrainingSink.NONE, () -> false);
    good = folder.dir();
    damaged = store.resolve(good.getFileName() + "-copy");
    try (var files = Files.walk(good)) {
      for (Path p : files.toList()) {
        Files.copy(p, damaged.resolve(good.relativize(p).toString()));
      }
    }
    Files.writeString(damaged.resolve(Annotations.FILE), "{\"notes\": [{\"chart\": ");
  }

  @Start
  void start(Stage stage) {
    this.stage = stage;
    view = TestWindow.show(stage, store, d -> SAMPLE);
  }

  @BeforeEach
  void guard() {
    guard = FxThreadGuard.watching(stage, store);
  }

  @AfterEach
  void stop() {
    TestWindow.close(view, guard);
  }

  private void select(FxRobot robot, Path... dirs) throws Exception {
    waitUntil("the store's runs", () -> view.storedRuns().size() == 2);
    @SuppressWarnings("unchecked")
    TableView<LiveRun> table = robot.lookup("#run-queue").queryAs(TableView.class);
    robot.interact(
        () -> {
          table.getSelectionModel().clearSelection();
          for (LiveRun r : view.storedRuns()) {
            if (List.of(dirs).contains(r.stored().dir())) {
              table.getSelectionModel().select(r);
            }
          }
        });
    robot.clickOn("Unit means");
    waitUntil(
        "the curves",
        () ->
            view.figures().means.lines().stream().allMatch(l -> l.series().size() > 0)
                && view.figures().means.lines().size() == dirs.length);
  }

  /** A right click at the plot's middle. */
  private static void rightClick(FxRobot robot, FigurePane pane) {
    FxClicks.rightClickMiddle(robot, pane.getChildrenUnmodifiable().get(0));
  }

  @Test
  void theoryCalloutDamagedFileExportCopyAndReopen(FxRobot robot) throws Exception {
    // a damaged annotations file harms only its own run: both runs' curves, the good one's notes
    Annotations.add(good, new Annotations.Note("unit-means:network", 10, 0.3, "kept"));
    select(robot, good, damaged);
    FigurePane pane = robot.lookup("#chart-unit-means").queryAs(FigurePane.class);
    waitUntil("the good run's callout", () -> pane.callouts().size() == 1);
    assertThat(robot.lookup("#queue-message").queryAs(Label.class).getText())
        .contains(damaged.getFileName().toString(), Annotations.FILE);
    assertThat(view.figures().means.lines()).hasSize(2);

    select(robot, good);
    robot.clickOn("#theory");
    assertThat(robot.lookup("#theory").queryAs(CheckBox.class).isSelected()).isTrue();
    assertThat(view.figures().means.guides())
        .extracting(Guide::label)
        .containsExactly("ReLU: E[f(x)] = 0.399", "zero mean");

    rightClick(robot, pane);
    robot.clickOn("Add callout here…");
    waitUntil("the callout's dialog", () -> robot.lookup("#callout-text").tryQuery().isPresent());
    robot.interact(
        () ->
            robot
                .lookup("#callout-text")
                .queryAs(TextField.class)
                .setText("ReLU drifts above zero"));
    robot.clickOn("OK");
    Label said = robot.lookup("#queue-message").queryAs(Label.class);
    waitUntil(
        "the callout on the chart (" + said.getText() + ")", () -> pane.callouts().size() == 2);
    assertThat(Annotations.read(good).notes())
        .last()
        .satisfies(n -> assertThat(n.chart()).isEqualTo("unit-means:network"))
        .satisfies(n -> assertThat(n.text()).isEqualTo("ReLU drifts above zero"));

    Path svg = out.resolve("means.svg");
    robot.interact(
        () -> {
          try {
            pane.exportTo(svg.toFile());
          } catch (java.io.IOException e) {
            throw new AssertionError(e);
          }
        });
    assertThat(Files.readString(svg))
        .contains("ReLU drifts above zero", "ReLU: E[f(x)] = 0.399", "zero mean");

    robot.interact(() -> Clipboard.getSystemClipboard().clear());
    robot.clickOn(pane.lookup("#copy-chart"));
    boolean[] copied = {false};
    waitUntil(
        "the chart on the clipboard",
        () -> {
          robot.interact(() -> copied[0] = Clipboard.getSystemClipboard().hasImage());
          return copied[0];
        });

    rightClick(robot, pane); // on the new callout's point: it can go again
    robot.clickOn("Remove this callout");
    waitUntil("the callout gone", () -> pane.callouts().size() == 1);
    assertThat(Annotations.read(good).notes())
        .extracting(Annotations.Note::text)
        .containsExactly("kept");

    // the command line's export draws the same theory, and says so in its sidecar
    Path pdf = out.resolve("means-cli.pdf");
    Cli.Result exported =
        Cli.run(
            out,
            "export",
            "--store",
            store.toString(),
            "--runs",
            good.getFileName().toString(),
            "--chart",
            "unit-means",
            "--theory",
            "--out",
            pdf.toString());
    assertThat(exported.code()).as(exported.err()).isZero();
    try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
      assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(doc))
          .contains("ReLU: E[f(x)] = 0.399", "zero mean", "kept"); // the run's callout too
    }
    assertThat(Files.readString(Path.of(pdf + ".json"))).contains("\"theory\" : true");

    // reopened: a new window on the same store shows the run's callout again
    robot.interact(
        () -> {
          view.shutdown();
          view = TestWindow.show(stage, store, d -> SAMPLE);
        });
    select(robot, good);
    FigurePane again = robot.lookup("#chart-unit-means").queryAs(FigurePane.class);
    waitUntil("the callout again", () -> again.callouts().size() == 1);

    // activation maps of the selected run for a chosen test image, the classes by name
    robot.clickOn("Activation maps");
    MapsModel maps = view.model().maps();
    waitUntil("the maps", () -> maps.figure.rows().size() >= 3);
    assertThat(maps.imageClass().get())
        .isEqualTo("#0: " + SAMPLE.classNames().get(SAMPLE.test().label(0)));
    List<MapGrid.Row> rows = maps.figure.rows();
    assertThat(rows.get(0).label()).isEqualTo("image");
    assertThat(rows.get(1).maps()).isEqualTo(4 * 3); // conv1: 4 filters over RGB
    assertThat(rows.get(1).rgb()).isTrue();
    MapGrid.Row act = rows.get(2);
    float min = Float.MAX_VALUE;
    for (float v : act.values()) {
      min = Math.min(min, v);
    }
    assertThat(min).isEqualTo(0f); // ReLU: zeros, nothing below
    robot.interact(
        () -> robot.lookup("#map-image").queryAs(Spinner.class).getValueFactory().setValue(7));
    waitUntil(
        "the maps of image 7",
        () ->
            maps.imageClass()
                .get()
                .equals("#7: " + SAMPLE.classNames().get(SAMPLE.test().label(7))));
  }

  /**
   * A training run's maps update live, through the door, at most {@link MapsModel#LIVE_PER_SECOND}
   * times a second and only while the tab is shown: the training thread is asked for nothing
   * otherwise.
   */
  @Test
  void activationMapsOfATrainingRunUpdateLiveOnlyWhileShown(FxRobot robot) throws Exception {
    waitUntil("the data read", () -> view.isReady("sample"));
    LiveRun[] queued = new LiveRun[1];
    robot.interact(
        () ->
            queued[0] =
                view.model()
                    .queueNamed(
                        Map.of("live-maps", TinySpecs.of("elu", 2, 1, 1_000_000, 1_000_000, null)),
                        "test")
                    .get(0));
    LiveRun run = queued[0];
    try {
      waitUntil("the run training", () -> run.run() != null && run.run().step() > 0);
      robot.clickOn("Activation maps");
      MapsModel maps = view.model().maps();
      waitUntil("two live updates", () -> maps.liveComputed() >= 2);
      assertThat(maps.figure.subtitle()).startsWith("live-maps, step ").contains(" (live)");
      int before = maps.liveComputed();
      Thread.sleep(3000);
      assertThat(maps.liveComputed() - before)
          .isBetween(1, 3 * MapsModel.LIVE_PER_SECOND + 1); // live, and throttled

      robot.clickOn("Loss"); // the maps hidden: no more copies asked for
      Thread.sleep(1500); // one asked before may still arrive
      Snapshot last = run.liveState;
      Thread.sleep(1500);
      assertThat(run.liveState).isSameAs(last);
      assertThat(run.run().stateOnRequest().asked()).isFalse();
    } finally {
      robot.interact(() -> view.model().stop(List.of(run)));
    }
  }
}
