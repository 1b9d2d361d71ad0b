package org.actbench.ui.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.actbench.data.Cifar10Reader;
import org.actbench.data.SampleSource;
import org.actbench.experiment.RunQueue;
import org.actbench.testing.FxThreadGuard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Runs tab end to end, headless: configure, queue, watch, pause, step, resume, stop. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchTest {
  @TempDir static Path store;
  private WorkbenchView view;
  private Stage stage;
  private FxThreadGuard guard;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    view = TestWindow.show(stage, store, d -> Cifar10Reader.read(new SampleSource()));
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

  static void waitUntil(String what, BooleanSupplier condition) throws Exception {
    try {
      WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition::getAsBoolean);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("timed out waiting for " + what, e);
    }
  }

  static void type(FxRobot robot, String field, String text) {
    robot.interact(() -> robot.lookup("#" + field).queryAs(TextField.class).setText(text));
  }

  @Test
  void twoActivationsTrainLiveAndEachRunCanBePausedSteppedResumedAndStopped(FxRobot robot)
      throws Exception {
    robot.clickOn("#act-elu"); // off
    robot.clickOn("#act-elu"); // and on again: the boxes drive the model
    robot.clickOn("#depths").eraseText(1).write("2");
    type(robot, "width", "4");
    type(robot, "batch", "16");
    type(robot, "steps", "100000");
    type(robot, "parallel", "2");
    robot.clickOn("#queue");
    waitUntil("two runs", () -> view.liveRuns().size() == 2);
    assertThat(view.liveRuns())
        .extracting(LiveRun::label)
        .containsExactly("elu-d2-w4-s1 (sample)", "relu-d2-w4-s1 (sample)");
    waitUntil(
        "both runs to progress", () -> view.liveRuns().stream().allMatch(r -> r.run().step() > 3));
    waitUntil(
        "the loss chart to receive points of both runs",
        () ->
            view.lossChart().lines().size() == 4
                && view.lossChart().lines().get(0).series().size() > 0
                && view.lossChart().lines().get(2).series().size() > 0);
    // and the chart on screen shows them: painted off the FX thread, copied into its image
    int elu = org.actbench.chart.Palette.categorical(0);
    waitUntil("ELU's loss curve on screen", () -> pixelsNear(robot, "#chart-loss", elu) > 50);
    // training threads yield the CPU to the window
    assertThat(view.trainingPriorities()).singleElement().isIn("SCHED_IDLE", "nice 19");
    // the explorer's measured moments: input and output of a layer at a logged step
    waitUntil("a logged step", () -> measured(robot, "elu", 1) != null);
    Measurements.Measured m = measured(robot, "elu", 1);
    assertThat(m.run()).isEqualTo("elu-d2-w4-s1 (sample)");
    assertThat(m.layer()).isEqualTo("act1");
    assertThat(m.activation()).isEqualTo("ELU (α=1.0)"); // as the run used it, whatever the slider
    assertThat(m.step() == 1 || m.step() % 10 == 0).as("a logged step: %d", m.step()).isTrue();
    assertThat(m.input().variance()).isPositive();
    assertThat(m.output().mean()).isGreaterThan(-1.0); // ELU's outputs are above −α
    assertThat(measured(robot, "elu", 99).layer()).isEqualTo("act2"); // past the last: the last
    assertThat(measured(robot, "selu", 1)).isNull();

    TableView<?> table = robot.lookup("#run-queue").queryAs(TableView.class);
    robot.interact(
        () ->
            table
                .getSelectionModel()
                .clearAndSelect(table.getItems().indexOf(view.liveRuns().get(0))));
    RunQueue.Run first = view.liveRuns().get(0).run();
    robot.clickOn("#pause");
    waitUntil("pause", () -> first.state() == RunQueue.State.PAUSED);
    long paused = first.step();
    Thread.sleep(300);
    assertThat(first.step()).isEqualTo(paused);
    robot.clickOn("#step");
    waitUntil("one step", () -> first.step() == paused + 1);
    Thread.sleep(300);
    assertThat(first.step()).isEqualTo(paused + 1);
    assertThat(first.state()).isEqualTo(RunQueue.State.PAUSED);
    robot.clickOn("#resume");
    waitUntil("resume", () -> first.step() > paused + 3);
    assertThat(first.state()).isEqualTo(RunQueue.State.RUNNING);
    robot.clickOn("#stop");
    waitUntil("stop", () -> first.state() == RunQueue.State.CANCELLED);
    assertThat(view.liveRuns().get(1).run().state()).isEqualTo(RunQueue.State.RUNNING);
    assertThat(Files.readAllLines(first.folder().resolve("metrics.csv")).size()).isGreaterThan(3);

    // a stopped run keeps a final checkpoint; resuming it continues in the same folder
    long stoppedAt = first.step();
    org.actbench.experiment.RunStore.Entry stored =
        org.actbench.experiment.RunStore.load(store).stream()
            .filter(e -> e.dir().equals(first.folder()))
            .findFirst()
            .orElseThrow();
    assertThat(stored.state()).isEqualTo("cancelled");
    robot.interact(() -> view.resume(stored));
    waitUntil(
        "the resumed run",
        () -> view.liveRuns().size() == 3 && view.liveRuns().get(2).run().step() > stoppedAt + 3);
    RunQueue.Run again = view.liveRuns().get(2).run();
    assertThat(again.folder()).isEqualTo(first.folder());
    assertThat(view.liveRuns().get(2).label()).endsWith("(resumed)");
    again.stop();
    waitUntil("the resumed run to stop", () -> again.state() == RunQueue.State.CANCELLED);

    // a window that trained nothing yet: the explorer reads the moments stored by these runs
    WorkbenchView[] fresh = new WorkbenchView[1];
    java.util.concurrent.atomic.AtomicBoolean read =
        new java.util.concurrent.atomic.AtomicBoolean();
    robot.interact(
        () -> {
          fresh[0] =
              new WorkbenchView(
                  store,
                  store.resolve("cache"),
                  d -> Cifar10Reader.read(new SampleSource()),
                  List.of("sample"));
          fresh[0].refreshStoredMoments(() -> read.set(true));
        });
    waitUntil("the store read", read::get);
    Measurements.Measured[] fromStore = new Measurements.Measured[2];
    robot.interact(
        () -> {
          fromStore[0] = fresh[0].measured("elu", 2);
          fromStore[1] = fresh[0].measured("selu", 1);
          fresh[0].shutdown();
        });
    assertThat(fromStore[0].run()).startsWith("elu-d2-w4-s1").endsWith("(stored)");
    assertThat(fromStore[0].layer()).isEqualTo("act2");
    assertThat(fromStore[0].step()).isPositive();
    assertThat(fromStore[0].input().variance()).isPositive();
    assertThat(fromStore[1]).isNull();

    String shots = System.getProperty("actbench.screenshots");
    if (shots != null) {
      robot.interact(() -> table.getSelectionModel().clearSelection());
      Thread.sleep(500);
      Path dir = Files.createDirectories(Path.of(shots));
      for (String tab : List.of("Loss", "Unit means", "Mean heatmap", "Bias shift", "Histogram")) {
        robot.clickOn(tab);
        Thread.sleep(400);
        robot.interact(
            () -> {
              try {
                ImageIO.write(
                    SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null),
                    "png",
                    dir.resolve("workbench-" + tab.toLowerCase().replace(' ', '-') + ".png")
                        .toFile());
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
      }
    }
  }

  private Measurements.Measured measured(FxRobot robot, String activation, int layer) {
    Measurements.Measured[] seen = new Measurements.Measured[1];
    robot.interact(() -> seen[0] = view.measured(activation, layer));
    return seen[0];
  }

  /** Pixels of the chart's image within a small distance of a colour. */
  static int pixelsNear(FxRobot robot, String chart, int argb) {
    int[] count = new int[1];
    robot.interact(
        () -> {
          javafx.scene.image.Image image =
              robot
                  .lookup(chart)
                  .lookup(".image-view")
                  .queryAs(javafx.scene.image.ImageView.class)
                  .getImage();
          if (image == null) {
            return;
          }
          javafx.scene.image.PixelReader reader = image.getPixelReader();
          for (int y = 0; y < (int) image.getHeight(); y++) {
            for (int x = 0; x < (int) image.getWidth(); x++) {
              int p = reader.getArgb(x, y);
              int d =
                  Math.abs((p >> 16 & 255) - (argb >> 16 & 255))
                      + Math.abs((p >> 8 & 255) - (argb >> 8 & 255))
                      + Math.abs((p & 255) - (argb & 255));
              count[0] += d < 40 ? 1 : 0;
            }
          }
        });
    return count[0];
  }

  @Test
  void anInvalidLearningRateIsRefusedAtTheFieldAndNothingIsQueued(FxRobot robot) {
    type(robot, "lr", "-1");
    robot.clickOn("#queue");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(view.liveRuns()).isEmpty();
    assertThat(robot.lookup("#lr").queryAs(TextField.class).getStyleClass()).contains("invalid");
    assertThat(robot.lookup("#message").queryAs(Label.class).getText())
        .isEqualTo("learning rate must be a number > 0, got -1");
    type(robot, "lr", "0.01");
    type(robot, "depths", "4, x");
    robot.clickOn("#queue");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(view.liveRuns()).isEmpty();
    assertThat(robot.lookup("#lr").queryAs(TextField.class).getStyleClass())
        .doesNotContain("invalid");
    assertThat(robot.lookup("#message").queryAs(Label.class).getText())
        .contains("depths: expected whole numbers");
  }
}
