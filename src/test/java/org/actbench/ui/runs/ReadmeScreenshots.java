package org.actbench.ui.runs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.actbench.data.DatasetLocator;
import org.actbench.experiment.lesson.Lessons;
import org.actbench.ui.App;
import org.actbench.ui.Settings;

/**
 * Takes the README's window screenshots from a store of runs, in a real window (run it under {@code
 * xvfb-run -a -s "-screen 0 1920x1080x24"} with {@code ACTBENCH_CIFAR10} set):
 *
 * <pre>
 * java -cp "target/test-classes:target/classes:$(cat cp.txt)" \
 *   org.actbench.ui.runs.ReadmeScreenshots STORE OUT_DIR
 * </pre>
 *
 * STORE holds an ELU and a ReLU run (e.g. {@code train --depth 6 --width 8 --batch 32 --steps 200
 * --probe-every 20 --log-every 2 --fixed-intervals}: a budget gives these small, fast nets few
 * probes); the form's defaults and the unit-means lesson train their own runs live. Each PNG is the
 * window's scene as drawn; look at every one before it goes into the README.
 */
public final class ReadmeScreenshots {
  private ReadmeScreenshots() {}

  public static void main(String[] args) throws Exception {
    Path store = Path.of(args[0]);
    Path out = Files.createDirectories(Path.of(args[1]));
    Path home = Files.createTempDirectory("actbench-shots-home");
    Platform.startup(() -> {});
    Stage stage =
        fx(
            () -> {
              Stage s = new Stage();
              new App(DatasetLocator.system(), Settings.forUser(System.getenv(), home), store)
                  .start(s);
              return s;
            });
    WorkbenchView view = waitFor("the workbench", () -> workbench(stage));
    waitFor("the stored runs", () -> view.storedRuns().size() >= 2 ? true : null);
    waitFor("the data", () -> view.isReady(view.config().dataProperty().get()) ? true : null);
    LiveRun elu = stored(view, "elu");
    LiveRun relu = stored(view, "relu");

    size(stage, 1280, 800);
    fx(
        () -> {
          view.model().select(List.of(elu, relu));
          return null;
        });
    tab(view, "Unit means");
    Thread.sleep(Long.getLong("settleMillis", 3000));
    snap(stage, out.resolve("workbench-unit-means.png"));

    size(stage, 1920, 1080);
    tab(view, "Bias shift");
    fx(
        () -> {
          view.model().choices().biasLayer().set(RunCharts.ALL_LAYERS);
          view.model().choices().biasQuantity().set(BiasQuantity.COSINE);
          return null;
        });
    Thread.sleep(Long.getLong("settleMillis", 3000));
    snap(stage, out.resolve("bias-shift-per-layer.png"));

    for (LiveRun run : List.of(elu, relu)) {
      fx(
          () -> {
            view.model().select(List.of(run));
            return null;
          });
      tab(view, "Activation maps");
      MapsModel maps = view.model().maps();
      waitFor(
          "the maps of " + run.label(),
          () ->
              maps.figure.rows().size() >= 3 && maps.figure.subtitle().startsWith(run.label())
                  ? true
                  : null);
      Thread.sleep(Long.getLong("settleMillis", 3000));
      snap(stage, out.resolve("activation-maps-" + run.spec().activation().id() + ".png"));
    }

    // the form as a new user meets it: its defaults (ELU and ReLU, 6 conv layers of width 16, 300
    // steps, two at once), Queue, the unit means of both runs and the run table with its meter
    size(stage, 1280, 800);
    fx(
        () -> {
          view.model().queueAll();
          return null;
        });
    tab(view, "Unit means");
    waitFor(
        "the two runs to finish",
        () ->
            view.liveRuns().size() == 2
                    && view.liveRuns().stream().allMatch(r -> r.run().state().isDone())
                ? true
                : null);
    Thread.sleep(Long.getLong("settleMillis", 3000));
    snap(stage, out.resolve("workbench-training.png"));
    tab(view, "Bias shift");
    Thread.sleep(Long.getLong("settleMillis", 3000));
    snap(stage, out.resolve("workbench-training-bias-shift.png"));
    size(stage, 1920, 1080);

    // the bias-shift lesson's cosine step, its two runs trained to the end under the lessons'
    // budget
    fx(
        () -> {
          view.openLesson(Lessons.bundled("bias-shift"));
          view.presenter().on().set(true);
          view.presenter().scale().set(1.6);
          return null;
        });
    size(stage, 1920, 1080);
    waitFor(
        "the bias-shift lesson's runs to finish",
        () ->
            view.lesson() != null
                    && view.model().selection().size() == 2
                    && view.model().selection().stream().allMatch(r -> r.trainLoss.size() >= 300)
                ? true
                : null);
    for (int i = 0; i < 3; i++) { // to "The unit natural gradient": the cosine
      fx(
          () -> {
            view.lesson().next();
            return null;
          });
    }
    Thread.sleep(Long.getLong("settleMillis", 3000));
    snap(stage, out.resolve("presenter-lesson-bias-shift.png"));
    fx(
        () -> {
          view.closeLesson();
          view.model().select(List.of(elu, relu));
          return null;
        });

    fx(
        () -> {
          view.openLesson(Lessons.bundled("unit-means"));
          view.presenter().on().set(true);
          view.presenter().scale().set(1.6);
          return null;
        });
    Thread.sleep(Long.getLong("lessonSeconds", 90) * 1000);
    fx(
        () -> {
          view.lesson().next(); // the step whose callout points at ReLU's drift
          return null;
        });
    Thread.sleep(Long.getLong("settleMillis", 3000));
    snap(stage, out.resolve("presenter-lesson-callout.png"));
    fx(
        () -> {
          view.presenter().scale().set(2.5);
          return null;
        });
    Thread.sleep(Long.getLong("settleMillis", 3000));
    snap(stage, out.resolve("presenter-2.5x-1920.png"));
    size(stage, 1280, 800);
    Thread.sleep(Long.getLong("settleMillis", 3000));
    snap(stage, out.resolve("presenter-2.5x-1280.png"));
    fx(
        () -> {
          view.shutdown();
          return null;
        });
    Platform.exit();
    System.exit(0);
  }

  private static WorkbenchView workbench(Stage stage) {
    if (stage.getScene() == null
        || !(stage.getScene().lookup("#main-tabs") instanceof TabPane tabs)) {
      return null;
    }
    return tabs.getTabs().get(0).getContent() instanceof WorkbenchView w ? w : null;
  }

  private static LiveRun stored(WorkbenchView view, String activation) throws Exception {
    return fx(
        () ->
            view.storedRuns().stream()
                .filter(r -> r.spec().activation().id().equals(activation))
                .findFirst()
                .orElseThrow());
  }

  private static void tab(WorkbenchView view, String title) throws Exception {
    fx(
        () -> {
          ((RunChartTabs) view.lookup("#charts")).show(title);
          return null;
        });
  }

  private static void size(Stage stage, double w, double h) throws Exception {
    fx(
        () -> {
          stage.setWidth(w);
          stage.setHeight(h);
          return null;
        });
    Thread.sleep(1500);
  }

  private static void snap(Stage stage, Path file) throws Exception {
    fx(
        () -> {
          ImageIO.write(
              SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null),
              "png",
              file.toFile());
          return null;
        });
    System.out.println("wrote " + file);
  }

  private static <T> T fx(Callable<T> job) throws Exception {
    FutureTask<T> task = new FutureTask<>(job);
    Platform.runLater(task);
    return task.get(5, TimeUnit.MINUTES);
  }

  private static <T> T waitFor(String what, Callable<T> found) throws Exception {
    long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (System.nanoTime() < end) {
      T t = fx(found);
      if (t != null) {
        return t;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("timed out waiting for " + what);
  }
}
