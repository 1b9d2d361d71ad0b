package org.actbench.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.actbench.data.Cifar10;
import org.actbench.data.Cifar10Cache;
import org.actbench.data.Cifar10Reader;
import org.actbench.data.FolderSource;
import org.actbench.data.Progress;
import org.actbench.data.SampleSource;
import org.actbench.engine.train.Checkpoint;
import org.actbench.engine.train.TrainingSink;
import org.actbench.experiment.Json;
import org.actbench.experiment.RunData;
import org.actbench.experiment.RunFolder;
import org.actbench.experiment.RunStore;
import org.actbench.experiment.Runner;
import org.actbench.experiment.TrainSpec;
import org.actbench.testing.Cli;
import org.actbench.testing.Processes;
import org.actbench.testing.RealData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at seeded random moments of training, checkpointing, resuming and importing. After every
 * kill the store reads, the run is interrupted (not running, not damaged), its rows are whole and
 * have no hole, its newest checkpoint is whole; at the end the resumed run equals the run that was
 * never killed, step for step.
 */
@Tag("fault")
class KillTest {
  @TempDir Path tmp;

  private static final int STEPS = 90;
  private static final String[] TRAIN = {
    "--activation",
    "elu",
    "--depth",
    "2",
    "--width",
    "4",
    "--batch",
    "16",
    "--steps",
    Integer.toString(STEPS),
    "--eval-every",
    "30",
    "--seed",
    "3",
    "--data",
    "sample",
    "--log-every",
    "1", // unit means every step, as runs log them by default
    "--probe-every",
    "15",
    "--histogram-every",
    "9",
    "--fixed-intervals" // the budget's intervals depend on timing; the comparison needs the same
    // rows
  };

  @Test
  void twentyKillsDuringTrainingCheckpointsAndResumesLoseNothing() throws Exception {
    Random rng = new Random(20261130);
    Path store = tmp.resolve("store");
    List<String> first = new ArrayList<>(List.of("train"));
    first.addAll(List.of(TRAIN));
    first.addAll(List.of("--checkpoint-every", "2", "--out", store.toString()));
    Process p =
        Processes.actbench(List.of(), tmp, tmp.resolve("log-0.txt"), first.toArray(String[]::new));
    assertThat(
            Processes.await(
                120,
                () ->
                    Processes.onlyRun(store) != null
                        && Files.exists(Processes.onlyRun(store).resolve("checkpoints"))))
        .as("the first run reached a checkpoint: " + log(tmp.resolve("log-0.txt")))
        .isTrue();
    Thread.sleep(rng.nextInt(400));
    Processes.kill9(p);
    Path run = Processes.onlyRun(store);
    TrainSpec spec = Json.readSpec(run.resolve("spec.json"));
    Cifar10 sample = Cifar10Reader.read(new SampleSource());
    int kills = 1;
    checkAfterKill(run, spec, sample);
    for (int i = 1; i < 30 && kills < 21; i++) {
      Path log = tmp.resolve("log-" + i + ".txt");
      Process resumed =
          Processes.actbench(List.of(), tmp, log, "train", "--resume", run.toString());
      // a random moment from JVM start to well into training: start-up, the cut, steps, saves
      long wait = 300 + rng.nextInt(2200);
      if (resumed.waitFor(wait, TimeUnit.MILLISECONDS)) {
        break; // it finished before the kill: nothing more to kill
      }
      Processes.kill9(resumed);
      kills++;
      checkAfterKill(run, spec, sample);
    }
    assertThat(kills).as("kills").isGreaterThanOrEqualTo(12);

    // the rest in this JVM, then the same run never killed
    RunStore.Entry entry = RunStore.load(store).get(0);
    if (!entry.state().equals("finished")) {
      RunFolder.open(run)
          .resume(
              new Runner(spec, sample, null, Progress.NONE), TrainingSink.NONE, () -> false, null);
    }
    Path whole = tmp.resolve("whole");
    RunFolder.create(whole, spec)
        .train(new Runner(spec, sample, null, Progress.NONE), TrainingSink.NONE, () -> false, 2);
    Path reference = Processes.onlyRun(whole);
    RunData.Curve a = RunData.curve(reference, "train_loss", null);
    RunData.Curve b = RunData.curve(run, "train_loss", null);
    assertThat(b.steps()).containsExactly(a.steps()); // 1..90: no hole, no step twice
    for (int i = 0; i < a.size(); i++) {
      assertThat(b.values()[i]).as("loss at step %d", i + 1).isCloseTo(a.values()[i], within(1e-5));
    }
    assertThat(RunData.curve(run, "unit_mean_median", null).steps())
        .containsExactly(RunData.curve(reference, "unit_mean_median", null).steps());
    assertThat(RunData.curve(run, "bias_shift_rho", null).steps())
        .containsExactly(RunData.curve(reference, "bias_shift_rho", null).steps());
    List<String> layerRows = Files.readAllLines(run.resolve("layers.csv"));
    int columns = layerRows.get(0).split(",", -1).length;
    assertThat(layerRows)
        .as("every layers.csv line whole")
        .allSatisfy(l -> assertThat(l.split(",", -1)).hasSize(columns));
    assertThat(layerRows).hasSameSizeAs(Files.readAllLines(reference.resolve("layers.csv")));
    List<String> rows = Files.readAllLines(run.resolve("metrics.csv"));
    double last = 0;
    for (String row : rows.subList(1, rows.size())) {
      double seconds = Double.parseDouble(row.substring(row.lastIndexOf(',') + 1));
      assertThat(seconds).as("training time never restarts: " + row).isGreaterThanOrEqualTo(last);
      last = seconds;
    }
    assertThat(RunStore.load(store).get(0).state()).isEqualTo("finished");
  }

  /** What must hold after any kill. */
  private static void checkAfterKill(Path run, TrainSpec spec, Cifar10 sample) throws IOException {
    List<RunStore.Entry> entries = RunStore.load(run.getParent());
    assertThat(entries)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.problem()).isNull();
              assertThat(e.state()).isIn("interrupted", "finished");
            });
    RunData.Curve loss = RunData.curve(run, "train_loss", null);
    for (int i = 0; i < loss.size(); i++) {
      assertThat(loss.steps()[i]).as("rows whole and in order").isEqualTo(i + 1);
    }
    Optional<Path> latest = Checkpoint.latest(run);
    if (latest.isPresent()) {
      Checkpoint.Loaded checkpoint =
          new Runner(spec, sample, null, Progress.NONE).load(latest.get());
      assertThat(loss.size())
          .as("every row up to the checkpoint is on disk")
          .isGreaterThanOrEqualTo((int) checkpoint.info().start().step());
    }
  }

  @Test
  void killedImportsLeaveTheCacheWholeOrEmptyAndTheNextImportCleansUp() throws Exception {
    Path archive = RealData.archive();
    Random rng = new Random(7);
    Path cache = tmp.resolve("xdg/actbench/cifar-10");
    for (int i = 0; i < 4; i++) {
      Path log = tmp.resolve("import-" + i + ".txt");
      Process p = Processes.actbench(List.of(), tmp, log, "data", "import", archive.toString());
      if (!p.waitFor(200 + rng.nextInt(3500), TimeUnit.MILLISECONDS)) {
        Processes.kill9(p);
      }
      Path installed = cache.resolve("cifar-10-batches-bin");
      if (Files.exists(installed)) { // whole, or not there at all
        assertThat(Cli.run(tmp, "data", "check", "--data", installed.toString()).code()).isZero();
      }
    }
    Cli.Result again = Cli.run(tmp, "data", "import", archive.toString());
    assertThat(again.code()).as(again.err()).isZero();
    try (var left = Files.list(cache)) {
      assertThat(left.map(f -> f.getFileName().toString())).containsExactly("cifar-10-batches-bin");
    }
  }

  @Test
  void anImportThatIsNotTheOfficialDataNeverReplacesAGoodCache() throws Exception {
    Path archive = RealData.archive();
    assertThat(Cli.run(tmp, "data", "import", archive.toString()).code()).isZero();
    Path installed = tmp.resolve("xdg/actbench/cifar-10/cifar-10-batches-bin");
    String before = Files.readString(installed.resolve("batches.meta.txt"));
    // the same batches, with the class names swapped, or the class list a link to another file
    for (String meta : List.of("swapped", "link")) {
      Path fake = Files.createDirectories(tmp.resolve("fake-" + meta));
      try (var files = Files.list(installed)) {
        for (Path f : files.filter(f -> f.toString().endsWith(".bin")).toList()) {
          Files.createLink(fake.resolve(f.getFileName()), f);
        }
      }
      if (meta.equals("swapped")) {
        Files.writeString(
            fake.resolve("batches.meta.txt"),
            "automobile\nairplane\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n");
      } else {
        Files.createSymbolicLink(
            fake.resolve("batches.meta.txt"), installed.resolve("test_batch.bin"));
      }
      Cli.Result r = Cli.run(tmp, "data", "import", fake.toString());
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.errLines().stream().filter(l -> l.startsWith("error:")))
          .singleElement()
          .asString()
          .contains("batches.meta.txt");
      assertThat(Files.readString(installed.resolve("batches.meta.txt"))).isEqualTo(before);
      assertThat(new Cifar10Cache(installed.getParent()).isInstalled()).isTrue();
      assertThat(Cifar10Reader.read(new FolderSource(installed)).classNames().get(0))
          .isEqualTo("airplane");
    }
  }

  private static String log(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(no log)";
    }
  }
}
