package org.actbench.ui.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.actbench.data.Cifar10Reader;
import org.actbench.data.SampleSource;
import org.actbench.engine.Kernels;
import org.actbench.ui.runs.WorkbenchView;

/**
 * How the window keeps up while runs train: opens the Runs tab, queues {@code --runs} runs on the
 * sample set (all at once), and for {@code --seconds} after a warm-up records the interval between
 * frames, the FX-thread time of the live door per frame, and the delay of a ping posted to the FX
 * thread every 5 ms (its maximum is the longest stall). Needs a display (use xvfb-run headless).
 *
 * <p>{@code java -jar target/actbench.jar fx-bench [--runs 8] [--seconds 60]}; the last line is
 * {@code fx_p99_frame_ms=<x> fx_max_stall_ms=<y>}.
 */
public final class FxBenchmark extends Application {
  private static int runs = 8;
  private static boolean compareCharts;
  private static boolean normalPriority;
  private static int seconds = 60;
  private static String kernels = Kernels.preferred().id();
  private static final int WARMUP_SECONDS = 10;

  /**
   * Opens the window and measures it (see the class comment); the command line's {@code fx-bench}
   * has checked the values. Returns when the window closes.
   */
  public static int run(
      int runsWhileMeasuring,
      int measuredSeconds,
      boolean chartsOnly,
      boolean atNormalPriority,
      Kernels runsOn) {
    kernels = runsOn.id();
    runs = runsWhileMeasuring;
    seconds = measuredSeconds;
    compareCharts = chartsOnly;
    normalPriority = atNormalPriority;
    if (!compareCharts) {
      frames =
          new PulseFrames(); // before the toolkit starts: JavaFX looks for JFR once, at its first
      // pulse
    }
    launch(FxBenchmark.class);
    return 0;
  }

  private static PulseFrames frames;

  /**
   * Frame times as JavaFX itself measures them: its pulse logger emits a JFR event for every phase
   * of every pulse, on the FX thread (animation timers, CSS, layout, copying state to the render
   * graph) and on the render thread (painting, presenting), tagged with the pulse's number. A
   * frame's time is from the start of its first phase to the end of its last, so it includes the
   * render thread and excludes the wait for the next tick of the 60 Hz pulse timer.
   */
  static final class PulseFrames {
    private final jdk.jfr.consumer.RecordingStream stream = new jdk.jfr.consumer.RecordingStream();
    private final java.util.Map<Integer, long[]> pulses =
        new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, Long> phases =
        new java.util.concurrent.ConcurrentHashMap<>();
    private volatile java.time.Instant from = java.time.Instant.MAX;
    private volatile java.time.Instant to = java.time.Instant.MAX;
    private volatile long latestNanos;

    PulseFrames() {
      stream.enable("javafx.PulsePhase").withThreshold(java.time.Duration.ZERO);
      stream.onEvent(
          "javafx.PulsePhase",
          e -> {
            int id = e.getInt("pulseId");
            long start = nanos(e.getStartTime());
            long end = nanos(e.getEndTime());
            latestNanos = Math.max(latestNanos, end);
            if (id <= 0) {
              return;
            }
            pulses.merge(
                id,
                new long[] {start, end},
                (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            if (!e.getStartTime().isBefore(from) && e.getStartTime().isBefore(to)) {
              phases.merge(e.getString("phaseName"), end - start, Long::sum);
            }
          });
      stream.startAsync();
    }

    private static long nanos(java.time.Instant t) {
      return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /**
     * The pulses to count: those whose first phase starts in [from, to) (events arrive about 1 s
     * late).
     */
    void window(java.time.Instant from, java.time.Instant to) {
      this.from = from;
      this.to = to;
    }

    /**
     * Every counted pulse's frame time, in nanoseconds, once JFR has delivered the window's events.
     */
    List<Long> frameTimes() {
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (latestNanos < nanos(to) && System.nanoTime() < deadline) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      stream.close();
      long lo = nanos(from);
      long hi = nanos(to);
      return pulses.values().stream()
          .filter(v -> v[0] >= lo && v[0] < hi)
          .map(v -> v[1] - v[0])
          .toList();
    }

    java.util.Map<String, Long> phases() {
      return phases;
    }
  }

  @Override
  public void start(Stage stage) throws Exception {
    if (compareCharts) {
      compareCharts(stage);
      Platform.exit();
      return;
    }
    Path store = Files.createTempDirectory("actbench-fx-bench");
    WorkbenchView view =
        new WorkbenchView(
            store,
            store.resolve("cache"),
            d -> Cifar10Reader.read(new SampleSource()),
            List.of("sample"));
    view.trainInBackground(!normalPriority);
    stage.setScene(new Scene(new TabPane(new javafx.scene.control.Tab("Runs", view)), 1280, 800));
    stage.show();
    String[] activations = {
      "elu", "relu", "lrelu", "srelu", "selu", "tanh", "softplus", "swish", "gelu", "sigmoid"
    };
    List<String> chosen = new ArrayList<>();
    for (int i = 0; i < Math.max(1, runs); i++) {
      chosen.add(activations[i % activations.length]);
    }
    view.config().activations().setAll(chosen.stream().distinct().toList());
    view.config().seedsProperty().set(runs > activations.length ? "1,2" : "1");
    view.config().depthsProperty().set("4");
    view.config().widthProperty().set("8");
    view.config().batchProperty().set("32");
    view.config().stepsProperty().set("1000000");
    view.config().parallelProperty().set(Integer.toString(Math.max(1, runs)));
    view.config().kernelsProperty().set(kernels);
    if (runs > 0) {
      view.lookupAll("#queue").forEach(n -> ((javafx.scene.control.Button) n).fire());
    }

    List<Long> intervals = new ArrayList<>();
    List<Long> work = new ArrayList<>();
    ConcurrentLinkedQueue<Long> pings = new ConcurrentLinkedQueue<>();
    long begin = System.nanoTime() + WARMUP_SECONDS * 1_000_000_000L;
    long end = begin + seconds * 1_000_000_000L;
    java.time.Instant wallBegin = java.time.Instant.now().plusSeconds(WARMUP_SECONDS);
    frames.window(wallBegin, wallBegin.plusSeconds(seconds));
    view.door()
        .recordWork(
            n -> {
              if (System.nanoTime() > begin) {
                work.add(n);
              }
            });
    new AnimationTimer() {
      long last;
      long stepsAtBegin = -1;

      @Override
      public void handle(long now) {
        if (last != 0 && now > begin) {
          intervals.add(now - last);
          if (stepsAtBegin < 0) {
            stepsAtBegin = stepsDone(view);
          }
        }
        last = now;
        if (now > end) {
          stop();
          report(view.liveRuns().size(), intervals, work, new ArrayList<>(pings));
          System.out.printf(
              Locale.ROOT,
              "training: %.1f steps/s over all runs, threads at %s priority%n",
              (stepsDone(view) - stepsAtBegin) / (double) seconds,
              view.trainingPriorities().isEmpty()
                  ? "(no runs)"
                  : String.join("/", view.trainingPriorities()));
          view.shutdown();
          Platform.exit();
        }
      }
    }.start();
    Thread pinger =
        new Thread(
            () -> {
              while (System.nanoTime() < end) {
                long posted = System.nanoTime();
                Platform.runLater(
                    () -> {
                      if (posted > begin) {
                        pings.add(System.nanoTime() - posted);
                      }
                    });
                try {
                  Thread.sleep(5);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "fx-bench-ping");
    pinger.setDaemon(true);
    pinger.start();
  }

  /**
   * Time to render one frame of 4 curves of n points each, JavaFX's own LineChart against
   * ActBench's canvas chart, at 1000 x 600: a snapshot forces CSS, layout and rendering. Median of
   * 5.
   */
  private static void compareCharts(Stage stage) {
    System.out.println("points per curve (4 curves)   javafx LineChart ms   actbench chart ms");
    for (int n : new int[] {1_000, 10_000, 100_000}) {
      javafx.scene.chart.LineChart<Number, Number> fx =
          new javafx.scene.chart.LineChart<>(
              new javafx.scene.chart.NumberAxis(), new javafx.scene.chart.NumberAxis());
      fx.setAnimated(false);
      fx.setCreateSymbols(false);
      org.actbench.chart.LineChart ours = new org.actbench.chart.LineChart("loss", "step", "loss");
      java.util.Random random = new java.util.Random(1);
      for (int c = 0; c < 4; c++) {
        javafx.scene.chart.XYChart.Series<Number, Number> series =
            new javafx.scene.chart.XYChart.Series<>();
        org.actbench.chart.Series s = new org.actbench.chart.Series();
        List<javafx.scene.chart.XYChart.Data<Number, Number>> data = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          double y = 2.3 * Math.exp(-i / (n / 3.0)) + 0.1 * random.nextGaussian();
          data.add(new javafx.scene.chart.XYChart.Data<>(i, y));
          s.add(i, y);
        }
        series.getData().setAll(data);
        fx.getData().add(series);
        ours.add(
            org.actbench.chart.Line.of("run " + c, org.actbench.chart.Palette.categorical(c), s));
      }
      fx.setPrefSize(1000, 600);
      org.actbench.ui.chart.FigurePane pane = new org.actbench.ui.chart.FigurePane(ours);
      pane.setPrefSize(1000, 600);
      double fxMs =
          timeFrames(
              stage,
              fx,
              () -> ((javafx.scene.chart.NumberAxis) fx.getYAxis()).setUpperBound(Math.random()));
      double oursMs = timeFrames(stage, pane, pane::redrawNow);
      System.out.printf(Locale.ROOT, "%26d   %19.1f   %18.1f%n", n, fxMs, oursMs);
    }
  }

  private static double timeFrames(Stage stage, javafx.scene.Parent node, Runnable change) {
    stage.setScene(new Scene(new javafx.scene.layout.StackPane(node), 1000, 600));
    double[] ms = new double[5];
    for (int i = -1; i < 5; i++) {
      long t0 = System.nanoTime();
      change.run();
      node.requestLayout();
      stage.getScene().snapshot(null);
      if (i >= 0) {
        ms[i] = (System.nanoTime() - t0) / 1e6;
      }
    }
    Arrays.sort(ms);
    return ms[2];
  }

  private static long stepsDone(WorkbenchView view) {
    return view.liveRuns().stream()
        .filter(r -> r.run() != null)
        .mapToLong(r -> r.run().step())
        .sum();
  }

  private static void report(
      int runCount, List<Long> intervals, List<Long> work, List<Long> pings) {
    System.out.printf(
        Locale.ROOT,
        "%d runs training live for %d s (after %d s warm-up), %d frames%n",
        runCount,
        seconds,
        WARMUP_SECONDS,
        intervals.size());
    System.out.printf(
        Locale.ROOT,
        "frame interval: median %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
        q(intervals, 0.5),
        q(intervals, 0.9),
        q(intervals, 0.99),
        q(intervals, 1));
    System.out.printf(
        Locale.ROOT,
        "frames later than 17 ms: %d of %d; missed a 60 Hz slot (>= 25 ms): %d%n",
        intervals.stream().filter(n -> n > 17_000_000L).count(),
        intervals.size(),
        intervals.stream().filter(n -> n >= 25_000_000L).count());
    System.out.printf(
        Locale.ROOT,
        "live door (drain + charts + table) per 5 Hz tick: median %.2f ms, p99 %.2f ms, max %.2f ms%n",
        q(work, 0.5),
        q(work, 0.99),
        q(work, 1));
    System.out.printf(
        Locale.ROOT,
        "FX thread ping delay: median %.2f ms, p99 %.2f ms, max %.1f ms%n",
        q(pings, 0.5),
        q(pings, 0.99),
        q(pings, 1));
    List<Long> frameTimes = frames.frameTimes();
    System.out.printf(
        Locale.ROOT,
        "frame time (JavaFX pulse, first phase to frame presented): median %.1f ms, p99 %.1f ms, max %.1f ms over %d pulses%n",
        q(frameTimes, 0.5),
        q(frameTimes, 0.99),
        q(frameTimes, 1),
        frameTimes.size());
    frames.phases().entrySet().stream()
        .sorted(java.util.Map.Entry.comparingByValue(java.util.Comparator.reverseOrder()))
        .forEach(
            e ->
                System.out.printf(
                    Locale.ROOT, "  %-34s %8.1f ms in all%n", e.getKey(), e.getValue() / 1e6));
    System.out.printf(
        Locale.ROOT,
        "fx_p99_frame_ms=%.1f fx_max_stall_ms=%.1f fx_p99_interval_ms=%.1f%n",
        q(frameTimes, 0.99),
        q(pings, 1),
        q(intervals, 0.99));
  }

  private static double q(List<Long> nanos, double quantile) {
    if (nanos.isEmpty()) {
      return Double.NaN;
    }
    long[] v = nanos.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(v);
    return v[(int) Math.min(v.length - 1, Math.floor(quantile * (v.length - 1) + 0.5))] / 1e6;
  }
}
