package org.actbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.actbench.data.FileTrees;
import org.actbench.experiment.RunData;
import org.actbench.experiment.RunStore;
import org.actbench.testing.Cli;
import org.actbench.testing.FileSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sweep plan|run|status} with the local engine, as a user runs them. */
class SweepCommandTest {
  @TempDir Path tmp;

  private Cli.Result run(String... args) {
    return Cli.run(tmp, args);
  }

  static final String TINY =
      """
      name: tiny
      checkpointEvery: 10
      base: {depth: 2, width: 8, batch: 16, steps: 20, data: sample,
             metrics: {histogramEvery: 0, probe: {every: 0}}}
      axes:
        activation: [elu, relu]
      """;

  @Test
  void planListsTheRunsWithTheirMeasuredTime() throws Exception {
    Path file =
        Files.writeString(
            tmp.resolve("small.json"),
"""
{"name": "small", "base": {"family": "plain", "depth": 3, "width": 16, "data": "sample", "steps": 15},
 "axes": {"activation": ["elu", "relu"], "seed": [1, 2]}}
""");
    Cli.Result r = run("sweep", "plan", file.toString(), "--no-estimate");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().lines()).hasSize(6);
    assertThat(r.out()).contains("small-relu-d3-w16-s2-").endsWith("sweep=small runs=4 steps=60\n");

    Cli.Result timed =
        run("sweep", "plan", Files.writeString(tmp.resolve("tiny.yaml"), TINY).toString());
    assertThat(timed.code()).as(timed.err()).isZero();
    assertThat(timed.out())
        .containsPattern("sweep=tiny runs=2 steps=40 estimated=\\d+\\.\\d s \\(one run at a time");
  }

  @Test
  void aMalformedSweepFileFailsBeforeAnythingStarts() throws Exception {
    Path file =
        Files.writeString(
            tmp.resolve("bad.yaml"), TINY.replace("[elu, relu]", "[elu, relu, nope]"));
    Path store = tmp.resolve("store");
    Cli.Result r = run("sweep", "run", file.toString(), "--store", store.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .startsWith("error: " + file + " line 6, field 'axes.activation': ")
        .contains("nope");
    assertThat(store).doesNotExist();
    assertThat(
            run("sweep", "run", file.toString(), "--store", store.toString(), "--engine", "yarn")
                .code())
        .isEqualTo(2);
    Path good = Files.writeString(tmp.resolve("good.yaml"), TINY);
    Cli.Result engine =
        run("sweep", "run", good.toString(), "--store", store.toString(), "--engine", "yarn");
    assertThat(engine.err()).isEqualTo("error: --engine must be local or spark, got 'yarn'\n");
    Cli.Result parallel =
        run("sweep", "run", good.toString(), "--store", store.toString(), "--parallel", "0");
    assertThat(parallel.err()).isEqualTo("error: --parallel must be >= 1, got 0\n");
    assertThat(store).doesNotExist();
  }

  @Test
  void aFractionalSeedOrAStoreThatIsNotThereIsRefusedNotGuessed() throws Exception {
    // a seed of 1.5 was run as seed 1; a status of a store that does not exist listed every run
    // as pending, exit 0
    Path file = Files.writeString(tmp.resolve("half.yaml"), TINY + "  seed: [1.5, 2]\n");
    Cli.Result r = run("sweep", "plan", file.toString(), "--no-estimate");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().lines())
        .singleElement()
        .asString()
        .startsWith("error: " + file + " line ")
        .endsWith("field 'axes.seed': must be a whole number, got 1.5");
    Path tiny = Files.writeString(tmp.resolve("tiny.yaml"), TINY);
    Path nowhere = tmp.resolve("no-store");
    Cli.Result status = run("sweep", "status", tiny.toString(), "--store", nowhere.toString());
    assertThat(status.code()).isEqualTo(2);
    assertThat(status.err().lines()).singleElement().asString().contains("--store " + nowhere);
    assertThat(nowhere).doesNotExist();
  }

  @Test
  void theLocalEngineSkipsFinishedRunsAndResumesInterruptedOnes() throws Exception {
    Path file = Files.writeString(tmp.resolve("tiny.yaml"), TINY);
    Path store = tmp.resolve("store");
    Cli.Result first =
        run("sweep", "run", file.toString(), "--store", store.toString(), "--parallel", "2");
    assertThat(first.code()).as(first.out() + first.err()).isZero();
    assertThat(first.out()).contains("to_run=2 already_done=0").endsWith("sweep=tiny finished=2\n");
    List<RunStore.Entry> runs = RunStore.load(store);
    assertThat(runs).extracting(RunStore.Entry::state).containsExactly("finished", "finished");
    assertThat(runs).allMatch(e -> e.meta().tags().equals(List.of("sweep:tiny")));

    // as if killed at step 13: the status still says running (a process that is gone), the
    // checkpoint at step 20 never written, metrics.csv past the checkpoint at step 10
    RunStore.Entry victim = runs.get(0);
    RunData.Curve whole = RunData.curve(victim.dir(), "train_loss", null);
    FileTrees.delete(victim.dir().resolve("checkpoints/step-00000020"));
    Files.writeString(
        victim.dir().resolve("status.json"),
        "{\"state\": \"running\", \"pid\": 2147483646, \"processStart\": \"\", \"started\": \"\","
            + " \"ended\": \"\", \"steps\": 0, \"message\": \"\"}");
    List<String> rows = Files.readAllLines(victim.dir().resolve("metrics.csv"));
    Files.write(victim.dir().resolve("metrics.csv"), rows.subList(0, 14));
    assertThat(run("sweep", "status", file.toString(), "--store", store.toString()).out())
        .contains("interrupted  " + victim.id())
        .endsWith("finished=1 diverged=0 running=0 failed=0 interrupted=1 pending=0\n");

    Cli.Result second = run("sweep", "run", file.toString(), "--store", store.toString());
    assertThat(second.code()).as(second.out() + second.err()).isZero();
    assertThat(second.out())
        .contains("to_run=1 already_done=1")
        .contains("run=" + victim.id() + " status=finished resumed_from=10 ")
        .endsWith("sweep=tiny finished=1 skipped=1\n");
    RunData.Curve resumed = RunData.curve(victim.dir(), "train_loss", null);
    assertThat(resumed.steps()).containsExactly(whole.steps());
    for (int i = 0; i < whole.size(); i++) {
      assertThat(resumed.values()[i]).isCloseTo(whole.values()[i], within(1e-6));
    }

    Map<String, String> before = FileSnapshot.of(store);
    Cli.Result third = run("sweep", "run", file.toString(), "--store", store.toString());
    assertThat(third.out()).contains("to_run=0 already_done=2").endsWith("sweep=tiny skipped=2\n");
    assertThat(FileSnapshot.of(store)).isEqualTo(before);
    assertThat(run("sweep", "status", file.toString(), "--store", store.toString()).out())
        .isEqualTo(
            "sweep=tiny runs=2 finished=2 diverged=0 running=0 failed=0 interrupted=0 pending=0\n");
  }

  @Test
  void aDivergedRunIsAResultNotAFailure() throws Exception {
    Path file =
        Files.writeString(
            tmp.resolve("wild.yaml"),
            TINY.replace("name: tiny", "name: wild")
                // so large that the weights overflow on any kernels (at 1000 a ReLU net may die
                // with finite weights, which is no divergence)
                .replace("data: sample,", "data: sample, lr: 1e30,")
                .replace("[elu, relu]", "[relu]"));
    Path store = tmp.resolve("store");
    Cli.Result first = run("sweep", "run", file.toString(), "--store", store.toString());
    assertThat(first.code()).as(first.out() + first.err()).isZero();
    assertThat(first.out()).contains("status=diverged").endsWith("sweep=wild diverged=1\n");
    assertThat(run("sweep", "run", file.toString(), "--store", store.toString()).out())
        .endsWith("sweep=wild skipped=1\n");
    assertThat(run("sweep", "status", file.toString(), "--store", store.toString()).out())
        .endsWith("finished=0 diverged=1 running=0 failed=0 interrupted=0 pending=0\n");
  }
}
