package org.actbench.ui.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.actbench.data.Cifar10Reader;
import org.actbench.data.DataSource;
import org.actbench.data.DatasetLocator;
import org.actbench.engine.NativeBackend;
import org.actbench.experiment.RunQueue;
import org.actbench.ui.runs.LiveRun;
import org.actbench.ui.runs.WorkbenchView;

/**
 * How long a user waits after Queue for the first loss point, with the dataset already read (as the
 * window reads it at start-up): opens the Runs tab on CIFAR-10 (ACTBENCH_CIFAR10 or the cache),
 * waits until the data is in and the engine warmed up (as the window does at start-up), then {@code
 * --rounds} times presses Queue for one run (ELU, depth 6, width 16, batch 64) and times until its
 * first training loss is in the loss chart on the FX thread (the chart's paint follows within a
 * frame or two), then stops it. Needs a display.
 *
 * <p>{@code java -cp target/actbench.jar org.actbench.ui.bench.FirstPointBenchmark [--rounds 7]
 * [--normal-priority]}; the last line is {@code first_point_ms_median=<x>}. With {@code
 * --normal-priority} the run trains at normal CPU priority, not the window's background priority:
 * on a machine busy with other work, that priority leaves it hardly any CPU.
 */
public final class FirstPointBenchmark {
  private static int rounds = 7;
  private static boolean normalPriority;
  private static DataSource source;

  public static void main(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--rounds") && i + 1 < args.length) {
        rounds = Integer.parseInt(args[++i]);
      } else if (args[i].equals("--normal-priority")) {
        normalPriority =
            true; // on a machine shared with other work, background priority starves the run
      } else {
        throw new IllegalArgumentException(
            "FirstPointBenchmark takes [--rounds N] [--normal-priority]");
      }
    }
    NativeBackend.select();
    source = DatasetLocator.system().require(null);
    Application.launch(Window.class);
  }

  /** The window measured (an Application apart from main: JavaFX stays on the class path). */
  public static final class Window extends Application {
    @Override
    public void start(Stage stage) throws Exception {
      Path store = Files.createTempDirectory("actbench-first-point");
      String data = source.describe();
      WorkbenchView view =
          new WorkbenchView(
              store,
              store.resolve("cache"),
              d -> Cifar10Reader.read(DatasetLocator.system().require(d)),
              List.of(data));
      view.trainInBackground(!normalPriority);
      stage.setScene(new Scene(view, 1280, 800));
      stage.show();
      view.config().activations().setAll("elu");
      view.config().depthsProperty().set("6");
      view.config().widthProperty().set("16");
      view.config().stepsProperty().set("100000");
      view.config()
          .parallelProperty()
          .set("2"); // the form's default: one thread per run on 2 cores
      Button queue = (Button) view.lookup("#queue");
      List<Double> times = new ArrayList<>();
      new AnimationTimer() {
        private long pressed;
        private long pause = System.nanoTime();
        private RunQueue.Run running;

        @Override
        public void handle(long now) {
          if (running != null) {
            if (running.state().isDone() && System.nanoTime() > pause) {
              running = null;
            }
            return;
          }
          if (pressed == 0) {
            if (view.isReady(data) && System.nanoTime() > pause) {
              pressed = System.nanoTime();
              queue.fire();
            }
            return;
          }
          List<LiveRun> runs = view.liveRuns();
          LiveRun newest = runs.get(runs.size() - 1);
          boolean plotted =
              view.lossChart().lines().stream()
                  .anyMatch(
                      l -> l.label().equals(newest.label() + " train") && l.series().size() > 0);
          if (plotted) {
            double ms = (System.nanoTime() - pressed) / 1e6;
            times.add(ms);
            System.out.printf(
                Locale.ROOT,
                "round %d: %.0f ms from Queue to the first loss point%n",
                times.size(),
                ms);
            running = newest.run();
            running.stop();
            pressed = 0;
            pause = System.nanoTime() + 1_000_000_000L; // let the stopped run write its checkpoint
            if (times.size() == rounds) {
              stop();
              List<Double> sorted = times.stream().sorted().toList();
              System.out.printf(
                  Locale.ROOT,
                  "first_point_ms_median=%.0f (min %.0f, max %.0f, %d rounds)%n",
                  sorted.get(sorted.size() / 2),
                  sorted.get(0),
                  sorted.get(sorted.size() - 1),
                  sorted.size());
              view.shutdown();
              Platform.exit();
            }
          }
        }
      }.start();
    }
  }
}
