package org.actbench.ui.runs;

import static org.actbench.ui.runs.WorkbenchTest.type;
import static org.actbench.ui.runs.WorkbenchTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.actbench.chart.Line;
import org.actbench.data.Cifar10;
import org.actbench.data.Cifar10Reader;
import org.actbench.data.Progress;
import org.actbench.data.SampleSource;
import org.actbench.engine.train.TrainingSink;
import org.actbench.experiment.RunFolder;
import org.actbench.experiment.RunQueue;
import org.actbench.experiment.Runner;
import org.actbench.experiment.TrainSpec;
import org.actbench.export.RunStyles;
import org.actbench.testing.FxThreadGuard;
import org.actbench.testing.TinySpecs;
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

/**
 * The Runs tab after a restart and while queuing: what a user sees of yesterday's runs and of new
 * ones.
 */
@ExtendWith(ApplicationExtension.class)
class RunsTabTest {
  @TempDir static Path store;
  private static final Cifar10 SAMPLE = Cifar10Reader.read(new SampleSource());
  private static String finishedId;
  private WorkbenchView view;
  private Stage stage;
  private FxThreadGuard guard;

  /** Yesterday's work: a finished ELU run of 30 steps. */
  @BeforeAll
  static void yesterday() throws Exception {
    TrainSpec spec = TinySpecs.of("elu", 2, 1, 30, 10, null);
    RunFolder folder = RunFolder.create(store, spec);
    folder.train(new Runner(spec, SAMPLE, null, Progress.NONE), TrainingSink.NONE, () -> false);
    finishedId = folder.id();
  }

  @Start
  void start(Stage stage) {
    this.stage = stage;
    view = TestWindow.show(stage, store, d -> SAMPLE);
  }

  /** Fails the test if the window touches its scene off the FX thread or the store on it. */
  @BeforeEach
  void guard() {
    guard = FxThreadGuard.watching(stage, store);
  }

  @AfterEach
  void stop() {
    TestWindow.close(view, guard);
  }

  private TableView<LiveRun> table(FxRobot robot) {
    @SuppressWarnings("unchecked")
    TableView<LiveRun> t = robot.lookup("#run-queue").queryAs(TableView.class);
    return t;
  }

  @Test
  void storedRunsAreListedWithTheirStateAndShowTheirCurvesWhenSelected(FxRobot robot)
      throws Exception {
    waitUntil("the store's runs", () -> !view.storedRuns().isEmpty());
    LiveRun stored =
        view.storedRuns().stream()
            .filter(r -> r.label().equals(finishedId))
            .findFirst()
            .orElseThrow();
    assertThat(stored.status.get()).isEqualTo("Finished (stored)");
    assertThat(stored.steps.get()).isEqualTo("30 / 30");
    assertThat(((Label) table(robot).getPlaceholder()).getText()).doesNotContain("Reading");
    robot.interact(
        () ->
            table(robot)
                .getSelectionModel()
                .clearAndSelect(table(robot).getItems().indexOf(stored)));
    waitUntil(
        "its loss curve",
        () ->
            view.lossChart().lines().stream()
                .anyMatch(l -> l.label().equals(finishedId + " train") && l.series().size() == 30));
    Line test =
        view.lossChart().lines().stream()
            .filter(l -> l.label().equals(finishedId + " test"))
            .findFirst()
            .orElseThrow();
    assertThat(test.markers()).isTrue();
    assertThat(test.series().size()).isEqualTo(3); // evaluations at 10, 20, 30
    assertThat(test.argb()).isEqualTo(RunStyles.colour("elu"));
    // stored runs are read-only: the buttons say so rather than doing nothing
    robot.clickOn("#pause");
    assertThat(robot.lookup("#queue-message").queryAs(Label.class).getText()).contains("read-only");
  }

  @Test
  void queuedRunsAreSelectedNamedApartCountTheirStepsAndStopAtOnceWhileWaiting(FxRobot robot)
      throws Exception {
    waitUntil("the data read and the engine warmed up", () -> view.isReady("sample"));
    assertThat(robot.lookup("#data-status").queryAs(Label.class).getText())
        .startsWith("sample set (shapes) ready");
    type(robot, "depths", "2");
    type(robot, "width", "4");
    type(robot, "batch", "16");
    type(robot, "steps", "100000");
    type(robot, "parallel", "1"); // one at a time: the second waits in the queue
    robot.clickOn("#queue");
    waitUntil("two runs", () -> view.liveRuns().size() == 2);
    List<LiveRun> first = view.liveRuns();
    assertThat(table(robot).getSelectionModel().getSelectedItems())
        .containsExactlyElementsOf(first);
    robot.clickOn("#queue"); // the same form again: the same names would not tell the runs apart
    waitUntil("four runs", () -> view.liveRuns().size() == 4);
    assertThat(view.liveRuns())
        .extracting(LiveRun::label)
        .containsExactly(
            "elu-d2-w4-s1 (sample)",
            "relu-d2-w4-s1 (sample)",
            "elu-d2-w4-s1 (sample) #2",
            "relu-d2-w4-s1 (sample) #2");
    assertThat(table(robot).getSelectionModel().getSelectedItems())
        .containsExactlyElementsOf(view.liveRuns().subList(2, 4));

    LiveRun waiting = view.liveRuns().get(3);
    assertThat(waiting.run().state()).isEqualTo(RunQueue.State.QUEUED);
    robot.interact(
        () ->
            table(robot)
                .getSelectionModel()
                .clearAndSelect(table(robot).getItems().indexOf(waiting)));
    robot.clickOn("#stop");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(waiting.status.get()).isEqualTo("Cancelled"); // at once, not "Queued" until its turn

    LiveRun training = view.liveRuns().get(0);
    waitUntil(
        "steps counted in the table", () -> training.steps.get().matches("[1-9]\\d* / 100000"));
    // the charts: one colour per activation, a heatmap per run, class names in the confusion matrix
    robot.interact(
        () -> {
          table(robot).getSelectionModel().clearSelection();
          table(robot).getSelectionModel().select(view.liveRuns().get(0));
          table(robot).getSelectionModel().select(view.liveRuns().get(1));
        });
    waitUntil("both runs' curves", () -> view.lossChart().lines().size() == 4);
    assertThat(view.lossChart().lines())
        .extracting(Line::argb)
        .containsExactly(
            RunStyles.colour("elu"),
            RunStyles.colour("elu"),
            RunStyles.colour("relu"),
            RunStyles.colour("relu"));
    robot.clickOn("Mean heatmap"); // built while its tab is shown
    waitUntil("the heatmap panels", () -> view.figures().heatmaps.figures().size() == 2);
    assertThat(view.figures().heatmaps.figures())
        .extracting(f -> f.title())
        .containsExactly(
            "elu-d2-w4-s1 (sample)",
            "relu-d2-w4-s1 (sample)"); // under the header "Median unit mean per layer"
  }

  @Test
  void aPaperPresetSaysWhatWillRunHowLongAndHowItDiffersThenAsks(FxRobot robot) throws Exception {
    robot.clickOn("#presets");
    robot.clickOn("#preset-figure2");
    waitUntil("the dialog", () -> robot.lookup("#preset-summary").tryQuery().isPresent());
    assertThat(robot.lookup("#preset-summary").queryAs(Label.class).getText())
        .isEqualTo(
            "4 runs: elu, relu, lrelu, srelu; depth 8; seed 1; 500 steps of batch 64 each; 2 at"
                + " once.");
    Label differences = robot.lookup("#preset-differences").queryAs(Label.class);
    assertThat(differences.getText()).startsWith("The paper:");
    assertThat(differences.isWrapText()).isTrue();
    assertThat(differences.getHeight())
        .isGreaterThan(2 * differences.getFont().getSize()); // wrapped, not cut
    waitUntil(
        "the measured duration",
        () -> robot.lookup("#preset-duration").queryAs(Label.class).getText().startsWith("About "));
    assertThat(robot.lookup("#preset-duration").queryAs(Label.class).getText())
        .contains("measured just now");
    assertThat(view.liveRuns()).isEmpty(); // nothing runs before the user says so
    robot.clickOn("#preset-cancel");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(view.liveRuns()).isEmpty();

    robot.clickOn("#presets");
    robot.clickOn("#preset-figure2");
    waitUntil("the dialog", () -> robot.lookup("#preset-queue").tryQuery().isPresent());
    robot.clickOn("#preset-queue");
    waitUntil("the preset's runs", () -> view.liveRuns().size() == 4);
    assertThat(view.liveRuns())
        .extracting(LiveRun::label)
        .first()
        .isEqualTo("elu-d8-w16-s1 [figure2]");
  }

  @Test
  void aRunThatEndsSaysSoInItsRow(FxRobot robot) throws Exception {
    type(robot, "depths", "2");
    type(robot, "width", "4");
    type(robot, "batch", "16");
    type(robot, "steps", "5");
    robot.clickOn("#act-relu"); // ELU alone
    robot.clickOn("#queue");
    waitUntil("the run", () -> view.liveRuns().size() == 1);
    LiveRun run = view.liveRuns().get(0);
    waitUntil("its row to say it finished", () -> run.status.get().equals("Finished"));
    assertThat(run.steps.get()).isEqualTo("5 / 5");
    assertThat(run.kernels.get()).isIn("onednn", "nd4j"); // what ran, after any fallback
  }
}
