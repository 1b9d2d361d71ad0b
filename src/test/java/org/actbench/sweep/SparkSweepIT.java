package org.actbench.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.actbench.cli.ActBenchCommand;
import org.actbench.data.DatasetLocator;
import org.actbench.experiment.RunData;
import org.actbench.experiment.RunStore;
import org.actbench.testing.FileSnapshot;
import org.actbench.testing.SparkCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sweeps on Apache Spark through spark-submit and target/actbench-spark.jar, as a user runs them:
 * in local[2] mode, and on a standalone master with two workers (separate JVMs) one of which is
 * killed in the middle of a run. Both stores must equal what the local engine writes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkSweepIT {
  @TempDir static Path tmp;
  static Path sweepFile;
  static Path localStore;

  static final String SWEEP =
      """
      {"name": "it", "checkpointEvery": 5,
       "base": {"depth": 2, "width": 8, "batch": 32, "steps": 30, "data": "sample",
                "metrics": {"histogramEvery": 0, "probe": {"every": 0}}},
       "axes": {"activation": ["elu", "relu"], "seed": [1, 2]}}
      """;

  @BeforeAll
  static void theLocalEngineRunsTheSweepFirst() throws Exception {
    sweepFile = Files.writeString(tmp.resolve("it.json"), SWEEP);
    localStore = tmp.resolve("local");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        ActBenchCommand.run(
            new DatasetLocator(Map.of("XDG_CACHE_HOME", tmp.resolve("cache").toString()), tmp),
            new PrintWriter(out),
            new PrintWriter(err),
            "sweep",
            "run",
            sweepFile.toString(),
            "--store",
            localStore.toString(),
            "--parallel",
            Integer.toString(
                Runtime.getRuntime()
                    .availableProcessors())); // one native thread per run, as a task has
    assertThat(code).as(out + "\n" + err).isZero();
    assertThat(RunStore.load(localStore)).hasSize(4).allMatch(e -> e.state().equals("finished"));
  }

  @Test
  @Order(1)
  void sparkInLocalModeWritesTheStoreTheLocalEngineWrites() throws Exception {
    Path store = tmp.resolve("spark-local");
    Path log = tmp.resolve("submit-local.log");
    endsWell(submitSweep("local[2]", log, store.toString()), log, 150);
    assertSameRuns(store);
  }

  /** {@code spark-submit ... sweep run it.json --store STORE --engine spark}. */
  private static Process submitSweep(String master, Path log, String store) throws Exception {
    return SparkCluster.submit(
        master,
        log,
        List.of("spark.executor.memory=1g"),
        "sweep",
        "run",
        sweepFile.toString(),
        "--store",
        store,
        "--engine",
        "spark");
  }

  /** Waits for spark-submit to end, and fails with its log's tail unless it exits 0. */
  private static void endsWell(Process driver, Path log, int seconds) throws Exception {
    assertThat(driver.waitFor(seconds, TimeUnit.SECONDS)).as(SparkCluster.tail(log)).isTrue();
    assertThat(driver.exitValue()).as(SparkCluster.tail(log)).isZero();
  }

  @Test
  @Order(2)
  void aStandaloneClusterFinishesEveryRunOnceThoughAWorkerIsKilled() throws Exception {
    Path store = tmp.resolve("spark-cluster");
    Files.createDirectories(store);
    try (SparkCluster cluster = SparkCluster.start(tmp.resolve("cluster"), 2)) {
      Path log = tmp.resolve("submit-cluster.log");
      Process driver = cluster.own(submitSweep(cluster.master(), log, store.toUri().toString()));
      Claim.Attempt victim =
          killAWorkerInTheMiddleOfARun(cluster, Store.open(store.toString()), driver, log);
      endsWell(driver, log, 170);
      assertSameRuns(store);

      Store s = Store.open(store.toString());
      for (RunStore.Entry e : RunStore.load(store)) {
        List<Claim.Attempt> attempts = Claim.attempts(s, e.id());
        assertThat(attempts)
            .as(e.id() + " " + attempts)
            .filteredOn(a -> a.outcome().equals("finished"))
            .hasSize(1);
      }
      List<Claim.Attempt> killed = Claim.attempts(s, victim.run());
      assertThat(killed)
          .as("the killed attempt never ended, the next one resumed")
          .hasSizeGreaterThanOrEqualTo(2);
      assertThat(killed)
          .filteredOn(a -> a.token().equals(victim.token()))
          .singleElement()
          .satisfies(a -> assertThat(a.outcome()).isEmpty());
      assertThat(killed)
          .filteredOn(a -> a.outcome().equals("finished"))
          .singleElement()
          .satisfies(a -> assertThat(a.resumedFrom()).isGreaterThanOrEqualTo(5));

      Map<String, String> before = FileSnapshot.of(store);
      Path again = tmp.resolve("submit-again.log");
      endsWell(
          cluster.own(submitSweep(cluster.master(), again, store.toUri().toString())), again, 90);
      assertThat(Files.readString(again))
          .contains("to_run=0 already_done=4")
          .contains("sweep=it skipped=4");
      assertThat(FileSnapshot.of(store))
          .as("a finished sweep run again changes nothing")
          .isEqualTo(before);
    }
  }

  /** Waits for a run to publish a checkpoint and kills the worker whose executor trains it. */
  private static Claim.Attempt killAWorkerInTheMiddleOfARun(
      SparkCluster cluster, Store store, Process driver, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
    while (System.nanoTime() < deadline && driver.isAlive()) {
      for (String run : store.list(".sweep/attempts")) {
        for (Claim.Attempt a : Claim.attempts(store, run)) {
          if (!a.outcome().isEmpty() || a.step() < 5) {
            continue;
          }
          for (Process worker : cluster.workers()) {
            Optional<ProcessHandle> executor =
                worker.descendants().filter(h -> h.pid() == a.pid()).findFirst();
            if (executor.isPresent()) {
              worker.destroyForcibly(); // SIGKILL: its executor loses its worker and exits
              return a;
            }
          }
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no run published a checkpoint mid-run: " + SparkCluster.tail(log));
  }

  /**
   * The same run ids as the local engine's, each finished, tagged, with the same curves step by
   * step.
   */
  private static void assertSameRuns(Path store) throws Exception {
    List<RunStore.Entry> local = RunStore.load(localStore);
    List<RunStore.Entry> other = RunStore.load(store);
    assertThat(other)
        .extracting(RunStore.Entry::id)
        .containsExactlyElementsOf(local.stream().map(RunStore.Entry::id).toList());
    for (int i = 0; i < local.size(); i++) {
      RunStore.Entry e = other.get(i);
      assertThat(e.state()).isEqualTo("finished");
      assertThat(e.meta().tags()).containsExactly("sweep:it");
      for (String metric : List.of("train_loss", "test_loss", "test_acc")) {
        RunData.Curve a = RunData.curve(local.get(i).dir(), metric, null);
        RunData.Curve b = RunData.curve(e.dir(), metric, null);
        assertThat(b.steps())
            .as(e.id() + " " + metric)
            .containsExactly(a.steps()); // each step once
        for (int k = 0; k < a.size(); k++) {
          assertThat(b.values()[k])
              .as("%s %s step %s", e.id(), metric, a.steps()[k])
              .isCloseTo(a.values()[k], within(1e-5 * Math.max(1, Math.abs(a.values()[k]))));
        }
      }
    }
  }
}
