package org.actbench.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.actbench.data.Cifar10;
import org.actbench.data.Cifar10Reader;
import org.actbench.data.Progress;
import org.actbench.data.SampleSource;
import org.actbench.engine.train.RunResult;
import org.actbench.engine.train.TrainingSink;
import org.actbench.experiment.RunData;
import org.actbench.experiment.RunFolder;
import org.actbench.experiment.RunStore;
import org.actbench.experiment.Runner;
import org.actbench.experiment.TrainSpec;
import org.actbench.testing.Cli;
import org.actbench.testing.Processes;
import org.actbench.testing.TinySpecs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two writers never share a run: new runs started together get folders of their own, and a run that
 * one process trains (in this PID namespace or another) can be neither resumed nor deleted by
 * another; it is listed as running.
 */
@Tag("fault")
class ConcurrentWritersTest {
  @TempDir Path tmp;

  private static TrainSpec spec(int steps) {
    return TinySpecs.builder()
        .activation("relu")
        .depth(2)
        .steps(steps)
        .evalEvery(steps)
        .seed(5)
        .build();
  }

  @Test
  void runsStartedAtTheSameMomentGetFoldersOfTheirOwn() throws Exception {
    Path store = tmp.resolve("store");
    int n = 16;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(n);
    List<Future<Path>> made = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      made.add(
          pool.submit(
              () -> {
                go.await();
                return RunFolder.create(store, spec(10)).dir();
              }));
    }
    go.countDown();
    Set<Path> dirs = ConcurrentHashMap.newKeySet();
    for (Future<Path> f : made) {
      dirs.add(f.get(60, TimeUnit.SECONDS));
    }
    pool.shutdown();
    assertThat(dirs).hasSize(n);
    assertThat(RunStore.load(store)).hasSize(n).allMatch(RunStore.Entry::usable);
  }

  @Test
  void twoResumesAtOnceOneTrainsAndTheOtherIsRefused() throws Exception {
    Cifar10 sample = Cifar10Reader.read(new SampleSource());
    TrainSpec spec = spec(40);
    RunFolder folder = RunFolder.create(tmp.resolve("store"), spec);
    int[] polls = {0};
    folder.train(
        new Runner(spec, sample, null, Progress.NONE),
        TrainingSink.NONE,
        () -> ++polls[0] > 10,
        5); // stopped at step 10
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<RunResult>> resumes = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      resumes.add(
          pool.submit(
              () -> {
                go.await();
                return RunFolder.open(folder.dir())
                    .resume(
                        new Runner(spec, sample, null, Progress.NONE),
                        TrainingSink.NONE,
                        () -> false,
                        null);
              }));
    }
    go.countDown();
    int finished = 0;
    int refused = 0;
    for (Future<RunResult> f : resumes) {
      try {
        assertThat(f.get(120, TimeUnit.SECONDS).status()).isEqualTo(RunResult.Status.FINISHED);
        finished++;
      } catch (java.util.concurrent.ExecutionException e) {
        assertThat(e.getCause()).hasMessageContaining("is being trained by another process");
        refused++;
      }
    }
    pool.shutdown();
    assertThat(finished).isEqualTo(1);
    assertThat(refused).isEqualTo(1);
    RunData.Curve loss = RunData.curve(folder.dir(), "train_loss", null);
    for (int i = 0; i < 40; i++) {
      assertThat(loss.steps()[i]).isEqualTo(i + 1); // 1..40, nothing lost or written twice
    }
  }

  @Test
  void aRunTrainingInAnotherProcessIsRunningAndCannotBeResumedOrDeleted() throws Exception {
    for (List<String> prefix : List.of(List.<String>of(), pidNamespace())) {
      Path store = tmp.resolve("store-" + prefix.size());
      Process p =
          Processes.actbench(
              prefix,
              tmp,
              tmp.resolve("log-" + prefix.size() + ".txt"),
              "train",
              "--activation",
              "relu",
              "--depth",
              "2",
              "--width",
              "4",
              "--batch",
              "16",
              "--steps",
              "1000000",
              "--data",
              "sample",
              "--probe-every",
              "0",
              "--checkpoint-every",
              "5",
              "--out",
              store.toString());
      try {
        assertThat(
                Processes.await(
                    120,
                    () ->
                        Processes.onlyRun(store) != null
                            && Files.exists(Processes.onlyRun(store).resolve("checkpoints"))))
            .as(Files.readString(tmp.resolve("log-" + prefix.size() + ".txt")))
            .isTrue();
        Path run = Processes.onlyRun(store);
        String id = run.getFileName().toString();
        assertThat(RunStore.load(store))
            .singleElement()
            .extracting(RunStore.Entry::state)
            .isEqualTo("running");
        long rows = Processes.lines(run.resolve("metrics.csv"));

        Cli.Result resume = Cli.run(tmp, "train", "--resume", run.toString());
        assertThat(resume.code()).isEqualTo(2);
        assertThat(resume.errLines())
            .singleElement()
            .asString()
            .contains("is being trained by another process");
        Cli.Result delete =
            Cli.run(tmp, "runs", "--store", store.toString(), "--delete", id, "--yes");
        assertThat(delete.code()).isEqualTo(2);
        assertThat(delete.errLines()).singleElement().asString().contains("still training");
        assertThat(run).isDirectory();
        assertThat(Processes.await(30, () -> Processes.lines(run.resolve("metrics.csv")) > rows))
            .as("it trains on")
            .isTrue();
      } finally {
        Processes.kill9(p);
      }
      // the lock goes with the process (under unshare, its child dies a moment after unshare)
      assertThat(Processes.await(30, () -> state(store).equals("interrupted"))).isTrue();
    }
  }

  private static String state(Path store) {
    try {
      return RunStore.load(store).get(0).state();
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  /**
   * {@code unshare} into a new PID namespace (the run's pid there means nothing here), where this
   * machine allows it; else none (the same test in this namespace).
   */
  private static List<String> pidNamespace() {
    for (List<String> cmd :
        List.of(
            List.of("unshare", "--pid", "--fork", "--kill-child", "--mount-proc"),
            List.of(
                "unshare",
                "--user",
                "--map-root-user",
                "--pid",
                "--fork",
                "--kill-child",
                "--mount-proc"))) {
      try {
        List<String> probe = new ArrayList<>(cmd);
        probe.add("true");
        Process p = new ProcessBuilder(probe).redirectErrorStream(true).start();
        if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
          return cmd;
        }
      } catch (Exception e) {
        // not available here
      }
    }
    return List.of();
  }
}
