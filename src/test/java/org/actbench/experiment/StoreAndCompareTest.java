package org.actbench.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.actbench.engine.train.TrainingSink;
import org.actbench.testing.TinySpecs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run store survives kills and damage; the comparison's statistics are right. */
class StoreAndCompareTest {
  @TempDir Path tmp;

  /** Starts {@code actbench train} in its own JVM with this test's class path. */
  static Process train(Path store, int steps, String activation, long seed) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx2g",
                "-cp",
                System.getProperty("java.class.path"),
                "org.actbench.Launcher",
                "train",
                "--activation",
                activation,
                "--depth",
                "2",
                "--width",
                "4",
                "--batch",
                "16",
                "--steps",
                Integer.toString(steps),
                "--eval-every",
                Integer.toString(steps),
                "--seed",
                Long.toString(seed),
                "--data",
                "sample",
                "--probe-every",
                "0",
                "--out",
                store.toString()));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(new File(store.toFile(), "log-" + activation + seed + ".txt"))
        .start();
  }

  @Test
  void aKilledRunKeepsEveryCompleteIntervalAndShowsAsInterrupted() throws Exception {
    Path store = Files.createDirectories(tmp.resolve("store"));
    Process p = train(store, 1_000_000, "elu", 1);
    Path metrics = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      try (var dirs = Files.list(store)) {
        metrics =
            dirs.filter(Files::isDirectory)
                .map(d -> d.resolve("metrics.csv"))
                .filter(Files::exists)
                .findFirst()
                .orElse(null);
      }
      if (metrics != null && Files.readAllLines(metrics).size() > 45) {
        break;
      }
      Thread.sleep(200);
    }
    assertThat(metrics).as("the run started writing metrics").isNotNull();
    List<RunStore.Entry> before = RunStore.load(store);
    assertThat(before).singleElement().extracting(RunStore.Entry::state).isEqualTo("running");
    p.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

    List<RunStore.Entry> after = RunStore.load(store);
    assertThat(after)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.state()).isEqualTo("interrupted");
              assertThat(e.usable()).isTrue();
              assertThat(e.steps())
                  .isGreaterThanOrEqualTo(40); // flushed every 10 rows: at most one interval lost
            });
    RunData.Curve loss = RunData.curve(after.get(0).dir(), "train_loss", null);
    assertThat(loss.size()).isEqualTo((int) after.get(0).steps());
    for (int i = 0; i < loss.size(); i++) {
      assertThat(loss.steps()[i]).isEqualTo(i + 1); // every complete row, in order
    }
  }

  @Test
  void aDamagedRunIsListedWithTheReasonAndTheOthersLoad() throws Exception {
    Path store = Files.createDirectories(tmp.resolve("store"));
    Process a = train(store, 12, "elu", 1);
    Process b = train(store, 12, "relu", 1);
    assertThat(a.waitFor(120, TimeUnit.SECONDS) && b.waitFor(120, TimeUnit.SECONDS)).isTrue();
    List<RunStore.Entry> runs = RunStore.load(store);
    assertThat(runs).extracting(RunStore.Entry::state).containsExactly("finished", "finished");
    Path broken = runs.get(1).dir().resolve("metrics.csv");
    List<String> lines = new ArrayList<>(Files.readAllLines(broken));
    lines.set(5, lines.get(5).replaceFirst(",[^,]+,", ",oops,"));
    Files.write(broken, lines);
    Files.writeString(
        runs.get(0).dir().resolve("spec.json").resolveSibling("notes.txt"), "unrelated");

    List<RunStore.Entry> again = RunStore.load(store);
    assertThat(again.get(0).usable()).isTrue();
    assertThat(again.get(1).usable()).isFalse();
    assertThat(again.get(1).problem())
        .isEqualTo("metrics.csv line 6, column 'epoch': expected a number, got 'oops'");

    Files.writeString(runs.get(0).dir().resolve("spec.json"), "{ not json");
    assertThat(RunStore.load(store).get(0).problem())
        .contains("spec.json is not a valid spec file");
  }

  @Test
  void aResumedRunContinuesFromItsLastCheckpointAsIfNeverStopped() throws Exception {
    org.actbench.data.Cifar10 sample =
        org.actbench.data.Cifar10Reader.read(new org.actbench.data.SampleSource());
    TrainSpec spec =
        TinySpecs.builder()
            .activation(org.actbench.engine.ActivationSpec.of("elu"))
            .depth(2)
            .batchNorm(true)
            .momentum(0.9)
            .weightDecay(1e-4)
            .steps(30)
            .evalEvery(30)
            .seed(3)
            .augment(true)
            .build();
    Path store = tmp.resolve("resume");
    RunFolder whole = RunFolder.create(store, spec);
    whole.train(
        new Runner(spec, sample, null, org.actbench.data.Progress.NONE),
        TrainingSink.NONE,
        () -> false,
        10);

    RunFolder broken = RunFolder.create(store, spec);
    int[] polls = {0};
    broken.train(
        new Runner(spec, sample, null, org.actbench.data.Progress.NONE),
        TrainingSink.NONE,
        () -> ++polls[0] > 23,
        10);
    // as if killed after step 23: the final checkpoint never written, the files 3 steps past step
    // 20
    Path last = broken.dir().resolve("checkpoints/step-00000023");
    try (var files = Files.walk(last)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    RunFolder again = RunFolder.open(broken.dir());
    var result =
        again.resume(
            new Runner(spec, sample, null, org.actbench.data.Progress.NONE),
            TrainingSink.NONE,
            () -> false,
            10);
    assertThat(again.resumedFrom()).isEqualTo(20);
    assertThat(result.status()).isEqualTo(org.actbench.engine.train.RunResult.Status.FINISHED);

    RunData.Curve a = RunData.curve(whole.dir(), "train_loss", null);
    RunData.Curve b = RunData.curve(broken.dir(), "train_loss", null);
    assertThat(b.steps()).containsExactly(a.steps()); // 1..30, no step twice
    for (int i = 0; i < a.size(); i++) {
      assertThat(b.values()[i]).as("step %d", i + 1).isCloseTo(a.values()[i], within(1e-6));
    }
    assertThat(RunStore.load(store))
        .extracting(RunStore.Entry::state)
        .containsExactly("finished", "finished");
  }

  @Test
  void bandsMatchAHandComputedTInterval() {
    List<RunData.Curve> curves =
        List.of(
            new RunData.Curve(new double[] {10, 20}, new double[] {1, 5}),
            new RunData.Curve(new double[] {10, 20}, new double[] {2, 5}),
            new RunData.Curve(new double[] {10, 20, 30}, new double[] {4, 5, 9}));
    Compare.Band b = Compare.band("g", curves, Metric.Domain.REAL);
    assertThat(b.n()).isEqualTo(3);
    assertThat(b.steps()).containsExactly(10, 20); // only steps every run has
    // step 10: mean 7/3, s = sqrt(7/3), half-width t(0.975, 2) · s / sqrt(3) = 4.302653 · 1.527525
    // / 1.73205
    // (exact t; the old table's 4.303 gave 3.794899)
    assertThat(b.mean()[0]).isCloseTo(7.0 / 3, within(1e-12));
    assertThat(b.high()[0] - b.mean()[0]).isCloseTo(3.794583, within(1e-5));
    assertThat(b.low()[0]).isCloseTo(7.0 / 3 - 3.794583, within(1e-5));
    assertThat(b.low()[1]).isEqualTo(5.0); // no spread, no width
    assertThat(Compare.t975(1)).isCloseTo(12.7062, within(1e-4));
    assertThat(Compare.t975(60)).isCloseTo(2.000, within(0.002));
    assertThat(Compare.t975(1000)).isCloseTo(1.962, within(0.002));
    // exact quantiles (R: qt(0.975, df)), where the old table-and-formula was up to 0.003 off
    double[][] exact = {
      {1, 12.7062047},
      {2, 4.3026527},
      {5, 2.5705818},
      {30, 2.0422725},
      {31, 2.0395134},
      {35, 2.0301079},
      {60, 2.0002978},
      {1000, 1.9623391}
    };
    for (double[] e : exact) {
      assertThat(Compare.t975((int) e[0])).as("df %d", (int) e[0]).isCloseTo(e[1], within(1e-6));
    }

    // "final" is taken at the last step every run reached (20), so runs of different lengths are
    // compared where they all are; the mean over the run likewise stops there
    Compare.Summary s = Compare.summary("g", curves, Metric.UNIT_MEAN_MEDIAN, 4.5);
    assertThat(s.finalStep()).isEqualTo(20);
    assertThat(s.fin().center()).isCloseTo((5 + 5 + 5) / 3.0, within(1e-12));
    assertThat(s.best().center()).isCloseTo((1 + 2 + 4) / 3.0, within(1e-12));
    assertThat(s.reached()).isEqualTo(3); // 1, 2 and 4 are all below 4.5 at step 10
    assertThat(s.stepsToThreshold().center()).isEqualTo(10);
    assertThat(s.area().center()).isCloseTo((3 + 3.5 + 4.5) / 3.0, within(1e-12)); // mean heights
  }

  @Test
  void smoothingIsCentredOrDebiasedAndKeepsLength() {
    double[] x = {1, 2, 3, 4, 5};
    assertThat(new Smoothing.Centred(3).apply(x))
        .containsExactly(1, 2, 3, 4, 5); // linear: unchanged
    assertThat(new Smoothing.Ema(0.5).apply(new double[] {2, 2, 2}))
        .containsExactly(2, 2, 2); // no pull to 0
    assertThat(Smoothing.parse("ma:5")).isEqualTo(new Smoothing.Centred(5));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Smoothing.parse("ma:4"))
        .hasMessageContaining("window must be odd");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Smoothing.parse("gauss"))
        .hasMessageContaining(
            "smoothing must be none, ema:W (0 <= W < 1) or ma:N (odd N), got 'gauss'");
  }
}
