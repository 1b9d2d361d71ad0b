package org.actbench.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.actbench.engine.train.Checkpoint;
import org.actbench.experiment.ForkOrigin;
import org.actbench.experiment.Json;
import org.actbench.experiment.RunStore;
import org.actbench.experiment.TrainSpec;
import org.actbench.testing.Cli;
import org.actbench.testing.FileSnapshot;
import org.actbench.testing.Processes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at seeded random moments of a fork (start-up, replay, the fork's folder being made, its
 * training): the parent's files never change, and the store holds either no fork or a whole one
 * that resumes; a killed fork's temporary folder is hidden and the next fork removes it.
 */
@Tag("fault")
class ForkKillTest {
  @TempDir Path tmp;

  @Test
  void killingAForkLosesNothingAndLeavesNoHalfRun() throws Exception {
    Path store = tmp.resolve("store");
    Cli.Result parentRun =
        Cli.run(
            tmp,
            "train",
            "--activation",
            "elu",
            "--depth",
            "2",
            "--width",
            "4",
            "--batch",
            "16",
            "--steps",
            "60",
            "--seed",
            "4",
            "--data",
            "sample",
            "--checkpoint-every",
            "20",
            "--out",
            store.toString());
    assertThat(parentRun.code()).as(parentRun.err()).isZero();
    Path parent = Processes.onlyRun(store);
    Map<String, String> before = FileSnapshot.of(parent);
    Random rng = new Random(16);
    for (int i = 0; i < 2; i++) {
      Path log = tmp.resolve("fork-" + i + ".txt");
      Process p =
          Processes.actbench(
              List.of(),
              tmp,
              log,
              "train",
              "--fork",
              parent.toString(),
              "--at",
              "55",
              "--activation",
              "relu",
              "--steps",
              "150");
      if (!p.waitFor(1500 + rng.nextInt(4000), TimeUnit.MILLISECONDS)) {
        Processes.kill9(p);
      }
      assertThat(FileSnapshot.of(parent)).as("the parent is only read").isEqualTo(before);
      List<RunStore.Entry> entries = RunStore.load(store);
      assertThat(entries).allSatisfy(e -> assertThat(e.problem()).isNull());
      for (RunStore.Entry e : entries) {
        Path run = store.resolve(e.id());
        if (run.equals(parent)) {
          continue;
        }
        TrainSpec spec = Json.readSpec(run.resolve("spec.json"));
        assertThat(spec.forkOf()).isEqualTo(new ForkOrigin(parent.getFileName().toString(), 55));
        assertThat(e.state()).isIn("interrupted", "finished");
        assertThat(Checkpoint.latest(run))
            .as("a fork is whole: it has its first state")
            .isPresent();
      }
    }
    // every interrupted fork resumes; the next fork clears what killed ones left
    for (RunStore.Entry e : RunStore.load(store)) {
      if (e.state().equals("interrupted")) {
        Cli.Result resumed = Cli.run(tmp, "train", "--resume", store.resolve(e.id()).toString());
        assertThat(resumed.code()).as(resumed.err()).isZero();
      }
    }
    Cli.Result last =
        Cli.run(tmp, "train", "--fork", parent.toString(), "--at", "55", "--steps", "58");
    assertThat(last.code()).as(last.err()).isZero();
    try (var left = Files.list(store)) {
      assertThat(left.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("."));
    }
    assertThat(RunStore.load(store)).allSatisfy(e -> assertThat(e.state()).isEqualTo("finished"));
  }
}
