package org.actbench.ui.runs;

import static org.actbench.ui.runs.WorkbenchTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import javafx.geometry.Bounds;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.actbench.chart.Highlight;
import org.actbench.chart.LineChart;
import org.actbench.data.Cifar10Reader;
import org.actbench.data.SampleSource;
import org.actbench.experiment.RunQueue;
import org.actbench.experiment.TrainSpec;
import org.actbench.experiment.lesson.Lessons;
import org.actbench.testing.FxThreadGuard;
import org.actbench.ui.WindowOptions;
import org.actbench.ui.chart.FigurePane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A lesson walked end to end, the presenter layout and its keys, the demo, a bad lesson file. */
@ExtendWith(ApplicationExtension.class)
class LessonAndPresenterTest {
  @TempDir static Path root;
  private static int stores;
  private Path store; // one per test: a lesson shows a stored run of the same training if any
  private WorkbenchView view;
  private Stage stage;
  private FxThreadGuard guard;

  @Start
  void start(Stage stage) {
    this.stage = stage;
    store = root.resolve("store-" + ++stores);
    try {
      Files.createDirectories(store);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    view = TestWindow.show(stage, store, d -> Cifar10Reader.read(new SampleSource()));
    // at background priority a loaded machine may give the runs no core for minutes; what this
    // test checks is the lesson and the layout, not the priority (WorkbenchTest checks that)
    view.trainInBackground(false);
  }

  @BeforeEach
  void guard() {
    guard = FxThreadGuard.watching(stage, store);
  }

  @AfterEach
  void stop() {
    TestWindow.close(view, guard);
  }

  private static String text(FxRobot robot, String id) {
    return robot.lookup("#" + id).queryAs(Label.class).getText();
  }

  @Test
  void theUnitMeansLessonWalksFromItsMenuToItsLastStep(FxRobot robot) throws Exception {
    MenuButton lessons = robot.lookup("#lessons").queryAs(MenuButton.class);
    MenuItem item =
        lessons.getItems().stream()
            .filter(i -> "lesson-unit-means".equals(i.getId()))
            .findFirst()
            .orElseThrow();
    robot.interact(item::fire);
    // step 1 queues the lesson's two runs, selects them, hides the form and locks the presets
    waitUntil("the lesson's runs", () -> view.liveRuns().size() == 2);
    assertThat(view.liveRuns()).extracting(LiveRun::label).containsExactly("ELU", "ReLU");
    assertThat(view.model().selection()).containsExactlyElementsOf(view.liveRuns());
    assertThat(text(robot, "lesson-step")).startsWith("Step 1 of 5: Two nets, one difference");
    assertThat(view.getLeft()).isNull();
    assertThat(robot.lookup("#presets").queryAs(MenuButton.class).isDisabled()).isTrue();
    TrainSpec elu = view.liveRuns().get(0).spec();
    assertThat(elu.depth()).isEqualTo(6);
    assertThat(elu.metrics().probe().every()).isEqualTo(20);
    LineChart means = view.figures().means;
    waitUntil(
        "both runs' network-wide unit means on the chart",
        () ->
            onFx(
                () ->
                    means.lines().size() == 2
                        && means.lines().stream().allMatch(l -> l.series().size() > 0)));
    assertThat(means.highlight()).isNull();

    robot.clickOn("#lesson-next"); // step 2: the callout on ReLU's drift
    assertThat(text(robot, "lesson-step")).startsWith("Step 2 of 5");
    Highlight h = means.highlight();
    assertThat(h).isNotNull();
    assertThat(h.text()).isEqualTo("ReLU: means well above zero");
    assertThat(h.low()).isPositive();
    assertThat(view.liveRuns()).hasSize(2); // the same runs go on: nothing queued twice
    waitUntil(
        "the callout drawn on the chart",
        () -> WorkbenchTest.pixelsNear(robot, "#chart-unit-means", 0xFFB07000) > 100);

    robot.clickOn("#lesson-next");
    assertThat(means.highlight().text()).isEqualTo("ELU: near zero");
    robot.clickOn("#lesson-next");
    robot.clickOn("#lesson-next"); // the last step: the loss first, the summary and the link
    assertThat(text(robot, "lesson-step")).startsWith("Step 5 of 5");
    assertThat(view.presenter().panes().get(0).figure()).isSameAs(view.lossChart());
    assertThat(means.highlight()).isNull();
    assertThat(text(robot, "lesson-summary")).startsWith("Summary: Two nets");
    assertThat(robot.lookup("#lesson-summary").query().isVisible()).isTrue();
    assertThat(robot.lookup("#lesson-read-more").query().isVisible()).isTrue();
    assertThat(robot.lookup("#lesson-next").queryAs(Button.class).isDisabled()).isTrue();

    robot.clickOn("#lesson-back");
    assertThat(text(robot, "lesson-step")).startsWith("Step 4 of 5");
    robot.clickOn("#lesson-close"); // every control back, the runs go on
    assertThat(view.getLeft()).isNotNull();
    assertThat(robot.lookup("#presets").queryAs(MenuButton.class).isDisabled()).isFalse();
    assertThat(robot.lookup("#lesson").tryQuery()).isEmpty();
  }

  @Test
  void thePresenterLayoutShowsTwoLargeChartsAndItsKeysDriveTheDemo(FxRobot robot) throws Exception {
    robot.clickOn("#demo");
    waitUntil("the demo's runs", () -> view.liveRuns().size() == 2);
    assertThat(view.liveRuns())
        .extracting(LiveRun::label)
        .containsExactly("ELU [demo]", "ReLU [demo]");
    TrainSpec relu = view.liveRuns().get(1).spec();
    assertThat(relu.activation().id()).isEqualTo("relu");
    assertThat(relu.depth()).isEqualTo(6);
    assertThat(relu.batch()).isEqualTo(32);
    assertThat(relu.metrics().probe().every()).isEqualTo(10);

    robot.clickOn("#presenter-toggle");
    assertThat(view.getLeft()).as("the form is hidden").isNull();
    List<FigurePane> panes = view.presenter().panes();
    assertThat(panes.get(0).figure()).isSameAs(view.figures().means);
    assertThat(panes.get(1).figure()).isSameAs(view.lossChart());
    assertThat(panes.get(0).getWidth()).isGreaterThan(400);
    assertThat(panes.get(1).getWidth()).isEqualTo(panes.get(0).getWidth(), within(2.0));
    double before = view.presenter().scale().get();
    robot.press(KeyCode.CONTROL, KeyCode.EQUALS).release(KeyCode.EQUALS, KeyCode.CONTROL);
    assertThat(view.presenter().scale().get()).isEqualTo(before + 0.25);
    double fits = Presenter.fitting(view.getScene().getWidth(), view.getScene().getHeight());
    assertThat(fits).as("a 1280x800 window holds about 1.7x").isBetween(1.6, 1.8);
    assertThat(panes.get(0).zoom()).isEqualTo(Math.min(before + 0.25, fits));
    assertThat(view.getStyle()).contains("-fx-font-size");
    for (int i = 0; i < 10; i++) {
      robot.press(KeyCode.CONTROL, KeyCode.EQUALS).release(KeyCode.EQUALS, KeyCode.CONTROL);
    }
    assertThat(view.presenter().scale().get()).isEqualTo(2.5); // at most 2.5x
    assertThat(panes.get(0).zoom()).as("what the window holds").isEqualTo(fits);
    assertThat(view.model().message().get()).contains("this window shows");
    // at 2.5x in this 1280x800 window the buttons wrap: every one inside the window, whole
    WaitForAsyncUtils.waitForFxEvents();
    robot.interact(view::layout);
    for (String id :
        List.of(
            "pause",
            "resume",
            "step",
            "stop",
            "change",
            "presets",
            "demo",
            "lessons",
            "presenter-toggle")) {
      Control c = robot.lookup("#" + id).queryAs(Control.class);
      Bounds b = c.localToScene(c.getBoundsInLocal());
      assertThat(b.getMaxX()).as(id + "'s right edge").isLessThanOrEqualTo(1280);
      assertThat(c.getWidth()).as(id + " whole").isGreaterThanOrEqualTo(c.prefWidth(-1) - 1);
    }
    assertThat(panes.get(0).getHeight()).as("room left for the charts").isGreaterThan(300);

    waitUntil(
        "the demo to train", () -> view.liveRuns().stream().allMatch(r -> r.run().step() > 1));
    robot.type(KeyCode.SPACE); // pause
    waitUntil(
        "both runs paused",
        () -> view.liveRuns().stream().allMatch(r -> r.run().state() == RunQueue.State.PAUSED));
    long step = view.liveRuns().get(0).run().step();
    robot.type(KeyCode.RIGHT); // one batch
    waitUntil("one more batch", () -> view.liveRuns().get(0).run().step() == step + 1);
    robot.type(KeyCode.SPACE); // resume
    waitUntil(
        "both runs going again",
        () -> view.liveRuns().stream().noneMatch(r -> r.run().state() == RunQueue.State.PAUSED));
    robot.type(KeyCode.R);
    assertThat(view.model().message().get()).startsWith("R restarts a lesson");

    // its shortcut
    robot
        .press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.P)
        .release(KeyCode.P, KeyCode.SHIFT, KeyCode.CONTROL);
    assertThat(view.getLeft()).as("the form is back").isNotNull();
    assertThat(view.getStyle()).isEmpty();
  }

  @Test
  void aSessionGivesBackTheLessonsStepThePresenterAndTheZoom(FxRobot robot) throws Exception {
    robot.interact(
        () -> view.openLesson(Lessons.bundled("depth"), new Session.LessonAt("depth", null, 0)));
    waitUntil("the lesson's first step", () -> onFx(() -> view.lesson().index().get() == 0));
    robot.interact(() -> view.model().stop(view.liveRuns())); // what is checked needs no training
    robot.clickOn("#lesson-next");
    robot.interact(
        () -> {
          view.presenter().on().set(true);
          view.presenter().scale().set(2.0);
          view.figures().loss.setView(3, 9);
        });
    Path file = store.resolve("class.json");
    robot.interact(() -> view.saveSession(file));
    waitUntil(
        "the save", () -> onFx(() -> view.model().message().get().startsWith("Saved the session")));
    assertThat(Files.readString(file))
        .contains("\"bundled\" : \"depth\"")
        .contains("\"step\" : 1")
        .contains("\"scale\" : 2.0");

    robot.interact(
        () -> {
          view.closeLesson();
          view.presenter().on().set(false);
          view.presenter().scale().set(1.0);
          view.figures().loss.resetView();
        });
    robot.interact(() -> view.openSession(file));
    waitUntil(
        "the session",
        () -> onFx(() -> view.model().message().get().startsWith("Opened the session")));
    waitUntil("the lesson at its step", () -> onFx(() -> view.lesson() != null));
    robot.interact(() -> view.model().stop(view.liveRuns()));
    assertThat(view.lesson().index().get()).isEqualTo(1);
    assertThat(text(robot, "lesson-step")).startsWith("Step 2 of 3");
    assertThat(view.presenter().isOn()).isTrue();
    assertThat(view.presenter().scale().get()).isEqualTo(2.0);
    assertThat(view.presenter().panes().get(0).zoom())
        .isEqualTo(
            Math.min(
                2.0, Presenter.fitting(view.getScene().getWidth(), view.getScene().getHeight())));
    assertThat(view.figures().loss.view()).containsExactly(3, 9);
  }

  /**
   * Opening a lesson whose runs this window already has (a session with the lesson opened again in
   * the same window) shows those runs: nothing is queued twice.
   */
  @Test
  void aLessonOpenedAgainInTheSameWindowShowsItsRunsAndQueuesNothingTwice(FxRobot robot)
      throws Exception {
    robot.interact(
        () -> view.openLesson(Lessons.bundled("depth"), new Session.LessonAt("depth", null, 0)));
    waitUntil("the lesson's runs", () -> onFx(() -> view.liveRuns().size() == 2));
    List<LiveRun> first = fx(() -> List.copyOf(view.liveRuns()));

    robot.interact(
        () -> view.openLesson(Lessons.bundled("depth"), new Session.LessonAt("depth", null, 0)));
    waitUntil(
        "the lesson again",
        () -> onFx(() -> view.model().message().get().startsWith("The lesson shows runs")));
    try {
      assertThat(fx(() -> List.copyOf(view.liveRuns()))).containsExactlyElementsOf(first);
      assertThat(fx(() -> List.copyOf(view.model().selection())))
          .containsExactlyInAnyOrderElementsOf(first);
    } finally {
      robot.interact(() -> view.model().stop(view.liveRuns()));
    }
  }

  @Test
  void aMalformedLessonFileIsRefusedNamingItsLine(FxRobot robot) throws Exception {
    Path bad = store.resolve("bad-lesson.json");
    Files.writeString(
        bad,
        """
        {
          "title": "T",
          "runs": [ {"id": "A", "activation": "elu", "depth": 0} ],
          "steps": [ {"title": "s", "text": "t", "runs": ["A"]} ],
          "summary": "s"
        }
        """);
    assertThatThrownBy(() -> WindowOptions.parse(List.of("--lesson", bad.toString()), true))
        .hasMessageStartingWith("--lesson " + bad + " line 3: runs[0]: depth must be 1..20");
    robot.interact(() -> view.openLessonFile(bad));
    waitUntil("the error", () -> view.model().message().get().startsWith("Lesson not opened: "));
    assertThat(view.model().message().get()).contains("line 3");
    assertThat(view.lesson()).isNull();
    assertThat(view.liveRuns()).isEmpty();
    waitUntil("the dialog that says it too", () -> onFx(() -> dialogs().size() == 1));
    robot.interact(() -> dialogs().forEach(Window::hide));
  }

  /** The windows other than the test's stage (dialogs); FX thread. */
  private List<Window> dialogs() {
    return Window.getWindows().stream().filter(w -> w != stage && w.isShowing()).toList();
  }

  /** A condition read on the FX thread, where the charts' lines change. */
  private static <T> T fx(java.util.concurrent.Callable<T> value) throws Exception {
    return WaitForAsyncUtils.asyncFx(value).get();
  }

  private static boolean onFx(BooleanSupplier condition) {
    try {
      return WaitForAsyncUtils.asyncFx(condition::getAsBoolean).get();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }
}
