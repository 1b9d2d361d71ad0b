package org.actbench.ui.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.actbench.chart.LineChart;
import org.actbench.data.Cifar10;
import org.actbench.data.Cifar10Reader;
import org.actbench.data.Progress;
import org.actbench.data.SampleSource;
import org.actbench.engine.train.SettingChange;
import org.actbench.engine.train.TrainingSink;
import org.actbench.experiment.ForkOrigin;
import org.actbench.experiment.Json;
import org.actbench.experiment.RunFolder;
import org.actbench.experiment.Runner;
import org.actbench.experiment.TrainSpec;
import org.actbench.experiment.lesson.Lesson;
import org.actbench.experiment.lesson.Lessons;
import org.actbench.testing.TinySpecs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window's session file, its forks and its live-change markers, without a Stage: this test's
 * thread plays the FX thread (issue 16 points 1, 3 and 5).
 */
class SessionAndForkTest {
  @TempDir static Path store;
  @TempDir Path tmp;
  private static final Cifar10 SAMPLE = Cifar10Reader.read(new SampleSource());
  private static final TrainSpec SPEC = TinySpecs.of("elu", 2, 1, 20, 10, null);
  private static String parentId;
  private final LinkedBlockingQueue<Runnable> fx = new LinkedBlockingQueue<>();
  private RunsViewModel model;

  /** A finished run whose learning rate a schedule changed after step 8. */
  @BeforeAll
  static void yesterday() throws Exception {
    RunFolder folder = RunFolder.create(store, SPEC);
    folder.setSchedule(List.of(new SettingChange(8, SettingChange.Setting.LR, 0.05, "schedule")));
    folder.train(new Runner(SPEC, SAMPLE, null, Progress.NONE), TrainingSink.NONE, () -> false, 10);
    parentId = folder.id();
  }

  private RunsViewModel open() {
    Executor onFx = fx::add;
    RunsViewModel m =
        new RunsViewModel(store, store.resolve("cache"), d -> SAMPLE, List.of("sample"), onFx);
    m.start();
    return m;
  }

  @AfterEach
  void close() {
    if (model != null) {
      model.shutdown();
    }
  }

  private void waitUntil(RunsViewModel m, String what, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what + ": " + m.message().get());
      }
      Runnable task = fx.poll(20, TimeUnit.MILLISECONDS);
      if (task != null) {
        task.run();
      }
      m.drain();
      m.refresh();
    }
  }

  private LiveRun parentRow() throws InterruptedException {
    waitUntil(model, "the store's runs", () -> !model.storedRuns().isEmpty());
    return model.storedRuns().stream()
        .filter(r -> r.label().equals(parentId))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aLiveChangeIsAMarkerOnEveryLineChart() throws Exception {
    model = open();
    LiveRun parent = parentRow();
    model.selection().setAll(parent);
    waitUntil(model, "its changes", () -> !parent.changes.isEmpty());
    for (LineChart chart :
        List.of(model.figures().loss, model.figures().accuracy, model.figures().means)) {
      assertThat(chart.markers())
          .extracting(LineChart.Marker::x, LineChart.Marker::label)
          .containsExactly(tuple(8.0, "lr 0.05"));
    }
  }

  @Test
  void aForkFromTheWindowTrainsFromTheStepAndARefusedOneSaysWhy() throws Exception {
    model = open();
    LiveRun parent = parentRow();
    assertThat(model.fork(parent, 5, SPEC.toBuilder().depth(3).build())).isNull();
    assertThat(model.message().get()).startsWith("Cannot fork: depth cannot change in a fork");
    LiveRun fork = model.fork(parent, 12, SPEC.toBuilder().activation("relu").build());
    assertThat(fork).isNotNull();
    assertThat(model.selection()).containsExactly(fork);
    waitUntil(model, "the fork to end", () -> fork.run().state().isDone());
    assertThat(fork.run().state().label()).isEqualTo("Finished");
    TrainSpec written = Json.readSpec(fork.run().folder().resolve("spec.json"));
    assertThat(written.forkOf()).isEqualTo(new ForkOrigin(parentId, 12));
    assertThat(fork.trainLoss.x(0)).isEqualTo(13);
  }

  /** What opening a session asked of the window. */
  private static final class Window implements RunsViewModel.SessionWindow {
    String tab = "";
    Session.PresenterState presenter;
    Lesson lesson;
    Session.LessonAt at;

    @Override
    public void showTab(String title) {
      tab = title;
    }

    @Override
    public void presenter(Session.PresenterState state) {
      presenter = state;
    }

    @Override
    public void lesson(Lesson lesson, Session.LessonAt at) {
      this.lesson = lesson;
      this.at = at;
    }
  }

  @Test
  void aSessionSavedAndOpenedGivesBackTheFormTheRunsTheChartsTheirZoomAndTheLesson()
      throws Exception {
    model = open();
    LiveRun parent = parentRow();
    model.config().lrProperty().set("0.05");
    model.config().activations().setAll("relu", "selu");
    model.selection().setAll(parent);
    waitUntil(model, "its files", () -> parent.trainLoss.size() == 20);
    model.choices().meansLayer().set("act2");
    model.choices().theory().set(true);
    model.figures().loss.setView(4, 12.5);
    model.figures().means.setLogY(true);
    model.figures().accuracy.setFullRange(true);
    Path file = tmp.resolve("session.json");
    model.saveSession(
        file,
        model.session(
            "Unit means",
            new Session.PresenterState(true, 2.25),
            new Session.LessonAt("depth", null, 1)));
    waitUntil(model, "the save", () -> model.message().get().startsWith("Saved the session"));
    Map<String, String> form = model.config().texts();
    model.shutdown();

    model = open();
    Window window = new Window();
    model.openSession(file, window);
    waitUntil(model, "the session", () -> model.message().get().startsWith("Opened the session"));
    assertThat(model.message().get()).contains("at step 2");
    assertThat(model.config().texts()).isEqualTo(form);
    assertThat(model.selection()).extracting(LiveRun::label).containsExactly(parentId);
    assertThat(window.tab).isEqualTo("Unit means");
    assertThat(window.presenter).isEqualTo(new Session.PresenterState(true, 2.25));
    assertThat(window.lesson.title()).isEqualTo(Lessons.bundled("depth").title());
    assertThat(window.at).isEqualTo(new Session.LessonAt("depth", null, 1));
    assertThat(model.choices().theory().get()).isTrue();
    assertThat(model.figures().loss.view()).containsExactly(4, 12.5);
    assertThat(model.figures().means.view()).isNull();
    assertThat(model.figures().means.logY()).isTrue();
    assertThat(model.figures().loss.logY()).isFalse();
    assertThat(model.figures().accuracy.fullRange()).isTrue();
    waitUntil(model, "the layer choice", () -> "act2".equals(model.choices().meansLayer().get()));
  }

  @Test
  void aSessionOfVersionOneWithoutZoomPresenterOrLessonStillOpens() throws Exception {
    model = open();
    LiveRun parent = parentRow();
    model.figures().loss.setView(2, 3);
    Path file = tmp.resolve("old.json");
    Files.writeString(
        file,
        "{\"version\": 1, \"runs\": [\""
            + parent.stored().dir().toAbsolutePath()
            + "\"], \"selected\": [], \"queued\": [], \"form\": {\"lr\": \"0.5\"},"
            + " \"chart\": {\"tab\": \"Loss\", \"biasQuantity\": \"RHO\"}}");
    Window window = new Window();
    model.openSession(file, window);
    waitUntil(model, "the session", () -> model.message().get().startsWith("Opened the session"));
    assertThat(model.message().get()).isEqualTo("Opened the session: 1 runs.");
    assertThat(model.config().lrProperty().get()).isEqualTo("0.5");
    assertThat(window.tab).isEqualTo("Loss");
    assertThat(window.presenter).as("left as it is").isNull();
    assertThat(window.lesson).as("left as it is").isNull();
    assertThat(model.figures().loss.view()).as("left as it is").containsExactly(2, 3);
  }

  @Test
  void aMalformedSessionFileChangesNothingAndSaysWhy() throws Exception {
    model = open();
    parentRow();
    model.config().lrProperty().set("0.07");
    Map<String, String> before = model.config().texts();
    Path file = tmp.resolve("bad.json");
    String valid =
        "{\"version\": 1, \"runs\": [], \"selected\": [], \"queued\": [],"
            + " \"form\": {\"lr\": \"0.5\"}, \"chart\": {}}";
    for (String text :
        List.of(
            "not json",
            "null",
            valid.replace("\"version\": 1", "\"version\": 7"),
            valid.replace("\"lr\"", "\"learning\""),
            valid.replace("\"form\": {\"lr\": \"0.5\"}, ", ""),
            valid.replace("\"chart\": {}", "\"chart\": {\"biasQuantity\": \"SPEED\"}"),
            valid.replace("\"queued\": []", "\"queued\": [{\"depth\": -3}]"),
            valid.replace("\"chart\": {}", "\"chart\": {\"theory\": \"maybe\"}"),
            valid.replace("}}", "}, \"lesson\": {\"bundled\": \"depth\"}}"),
            valid.replace("}}", "}, \"lesson\": {\"bundled\": \"depth\", \"step\": 9}}"),
            valid.replace("}}", "}, \"lesson\": {\"bundled\": \"nope\", \"step\": 0}}"),
            valid.replace("}}", "}, \"lesson\": {\"file\": \"" + tmp + "/x.json\", \"step\": 0}}"),
            valid.replace("}}", "}, \"lesson\": {\"step\": 0}}"),
            valid.replace("}}", "}, \"presenter\": {\"on\": true, \"scale\": 9}}"),
            valid.replace("}}", "}, \"presenter\": {\"on\": true}}"),
            valid.replace("}}", "}, \"views\": {\"pie\": {\"logY\": true, \"fullRange\": false}}}"),
            valid.replace(
                "}}",
                "}, \"views\": {\"loss\": {\"from\": 5, \"to\": 2, \"logY\": true,"
                    + " \"fullRange\": false}}}"),
            valid.replace("}}", "}, \"views\": {\"loss\": {\"from\": \"x\", \"to\": 2}}}"))) {
      Files.writeString(file, text);
      model.message().set("");
      model.openSession(file, t -> {});
      waitUntil(model, "the refusal of " + text, () -> !model.message().get().isEmpty());
      assertThat(model.message().get())
          .as(text)
          .startsWith("Session not opened: " + file + " is not a session file: ")
          .doesNotContain("Exception")
          .doesNotContain("\n");
      assertThat(model.config().texts()).as(text).isEqualTo(before);
      for (String field : List.of("lesson", "presenter", "views", "theory")) {
        if (text.contains("\"" + field + "\"")) {
          assertThat(model.message().get()).as("names the field").contains(field);
        }
      }
    }
  }
}
