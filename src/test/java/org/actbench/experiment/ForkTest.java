package org.actbench.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.actbench.data.Cifar10;
import org.actbench.data.Cifar10Reader;
import org.actbench.data.Progress;
import org.actbench.data.SampleSource;
import org.actbench.engine.InvalidField;
import org.actbench.engine.Param;
import org.actbench.engine.layer.PRelu;
import org.actbench.engine.train.Checkpoint;
import org.actbench.engine.train.SnapshotRing;
import org.actbench.engine.train.TrainingSink;
import org.actbench.testing.Cli;
import org.actbench.testing.TinySpecs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Rewind and fork (issue 16 point 1): exact replays, carried weights, refused changes. */
class ForkTest {
  @TempDir static Path tmp;

  private static Cifar10 sample;
  private static RunFolder parent;
  private static SnapshotRing ring;

  /** ELU, depth 2, batch norm, SGD with momentum: every kind of state a fork must carry. */
  private static final TrainSpec PARENT =
      TinySpecs.builder()
          .activation("elu")
          .depth(2)
          .batchNorm(true)
          .momentum(0.5)
          .steps(40)
          .evalEvery(20)
          .seed(5)
          .build();

  @BeforeAll
  static void trainTheParent() throws Exception {
    sample = Cifar10Reader.read(new SampleSource());
    parent = RunFolder.create(tmp.resolve("store"), PARENT);
    ring = new SnapshotRing(new SnapshotRing.Settings(4, 4, 64L << 20));
    parent.keepSnapshots(ring);
    parent.train(
        new Runner(PARENT, sample, null, Progress.NONE), TrainingSink.NONE, () -> false, 10);
  }

  private static Fork.Prepared fork(SnapshotRing from, long at, TrainSpec child) throws Exception {
    return Fork.prepare(
        parent, from, at, child, sample, null, tmp.resolve("store"), 0, () -> false);
  }

  @Test
  void aForkWithNothingChangedReproducesTheParentsCurveFromItsStep() throws Exception {
    // no snapshot in memory: the checkpoint at 10, then 7 batches replayed
    Fork.Prepared f = fork(null, 17, PARENT);
    assertThat(f.source()).isEqualTo("the checkpoint at step 10");
    f.train(TrainingSink.NONE, () -> false);
    RunData.Curve mine = RunData.curve(f.folder().dir(), "train_loss", null);
    RunData.Curve theirs = RunData.curve(parent.dir(), "train_loss", null);
    assertThat(mine.steps()[0]).isEqualTo(18);
    assertThat(mine.size()).isEqualTo(40 - 17);
    for (int i = 0; i < mine.size(); i++) {
      assertThat(mine.values()[i])
          .as("loss at step %d", (int) mine.steps()[i])
          .isCloseTo(theirs.values()[17 + i], within(1e-6));
    }
    TrainSpec written = Json.readSpec(f.folder().dir().resolve("spec.json"));
    assertThat(written.forkOf()).isEqualTo(new ForkOrigin(parent.id(), 17));
    assertThat(RunStore.load(tmp.resolve("store")))
        .filteredOn(e -> e.id().equals(f.folder().id()))
        .singleElement()
        .satisfies(e -> assertThat(e.state()).isEqualTo("finished"));
  }

  @Test
  void aForkToAnotherActivationStartsFromTheParentsWeightsExactly() throws Exception {
    TrainSpec prelu = PARENT.toBuilder().activation("prelu").lr(0.02).build();
    Fork.Prepared f = fork(ring, 20, prelu);
    assertThat(f.source()).isEqualTo("the checkpoint at step 20");
    Checkpoint.Loaded first = f.runner().load(Checkpoint.latest(f.folder().dir()).orElseThrow());
    Runner check = new Runner(PARENT, sample, null, Progress.NONE);
    Map<String, INDArray> theirs =
        check.load(parent.dir().resolve("checkpoints/step-00000020")).snapshot().arrays();
    Map<String, INDArray> mine = first.snapshot().arrays();
    for (Param p : check.loop().network().params()) {
      assertThat(mine.get(p.name())).as(p.name()).isEqualTo(theirs.get(p.name()));
    }
    assertThat(mine.get("bn1.runningMean")).isEqualTo(theirs.get("bn1.runningMean"));
    assertThat(mine.get("conv1.W.velocity")).isEqualTo(theirs.get("conv1.W.velocity"));
    INDArray slopes = mine.get("act1.slope");
    assertThat(slopes).as("PReLU's slopes start at their init").isNotNull();
    assertThat(slopes.minNumber().doubleValue()).isEqualTo(PRelu.INITIAL_SLOPE);
    assertThat(slopes.maxNumber().doubleValue()).isEqualTo(PRelu.INITIAL_SLOPE);
  }

  @Test
  void theRingThinsOutToCoverTheRunAndAForkFromItEqualsAForkFromDisk() throws Exception {
    // every 4 steps, 4 at most: at 20 it kept 8 and 16 and went to every 8; at 40, to every 16
    assertThat(ring.steps()).containsExactly(16L, 32L);
    assertThat(ring.every()).isEqualTo(16);
    Fork.Prepared fromRing = fork(ring, 19, PARENT);
    Fork.Prepared fromDisk = fork(null, 19, PARENT);
    assertThat(fromRing.source()).isEqualTo("the snapshot in memory at step 16");
    assertThat(fromDisk.source()).isEqualTo("the checkpoint at step 10");
    Map<String, INDArray> a = firstState(fromRing);
    Map<String, INDArray> b = firstState(fromDisk);
    assertThat(a.keySet()).isEqualTo(b.keySet());
    a.forEach((name, value) -> assertThat(value).as(name).isEqualTo(b.get(name)));
  }

  private static Map<String, INDArray> firstState(Fork.Prepared f) throws Exception {
    Path first = Checkpoint.latest(f.folder().dir()).orElseThrow();
    return f.runner().load(first).snapshot().arrays();
  }

  @Test
  void compareAlignsForksAtTheirStepAgainstTheParentsContinuation() throws Exception {
    Fork.Prepared same = fork(ring, 33, PARENT);
    same.train(TrainingSink.NONE, () -> false);
    Fork.Prepared relu = fork(ring, 33, PARENT.toBuilder().activation("relu").build());
    relu.train(TrainingSink.NONE, () -> false);
    List<RunStore.Entry> runs =
        RunStore.load(tmp.resolve("store")).stream()
            .filter(e -> e.id().equals(same.folder().id()) || e.id().equals(relu.folder().id()))
            .toList();
    List<String> notes = new ArrayList<>();
    List<Compare.Band> bands = ForkComparison.differences(runs, "train_loss", null, notes);
    assertThat(notes).isEmpty();
    assertThat(bands)
        .extracting(Compare.Band::label)
        .containsExactlyInAnyOrder("no change at step 33", "activation elu → relu at step 33");
    for (Compare.Band b : bands) {
      assertThat(b.steps()).containsExactly(1, 2, 3, 4, 5, 6, 7); // steps since the fork
      if (b.label().startsWith("no change")) {
        for (double d : b.mean()) {
          assertThat(d).isCloseTo(0, within(1e-6));
        }
      }
    }
  }

  @Test
  void theCompareCommandPairsForksWithTheirParentsAndRefusesWithoutThem() throws Exception {
    Fork.Prepared lrelu = fork(ring, 25, PARENT.toBuilder().activation("lrelu").build());
    lrelu.train(TrainingSink.NONE, () -> false);
    Path store = tmp.resolve("store");
    Path out = tmp.resolve("cmp").resolve("forks.csv");
    Cli.Result ok =
        Cli.run(
            tmp,
            "compare",
            "--store",
            store.toString(),
            "--runs",
            lrelu.folder().id(),
            "--paired-with",
            "parent",
            "--out",
            out.toString());
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(ok.out())
        .contains("paired activation elu → lrelu at step 25: n=1 pairs, at step 15");
    List<String> rows = Files.readAllLines(tmp.resolve("cmp").resolve("forks-paired.csv"));
    assertThat(rows.get(0)).isEqualTo("pair,n,step,mean_difference,ci_low,ci_high");
    assertThat(rows).hasSize(1 + 15); // steps 1..15 since the fork
    List<String> notes = new ArrayList<>();
    Compare.Band same =
        ForkComparison.differences(
                RunStore.load(store).stream()
                    .filter(e -> e.id().equals(lrelu.folder().id()))
                    .toList(),
                "train_loss",
                null,
                notes)
            .get(0);
    assertThat(rows.get(15)).endsWith(",15," + MetricsCsv.fmt(same.mean()[14]) + ",,");

    Cli.Result noFork =
        Cli.run(
            tmp,
            "compare",
            "--store",
            store.toString(),
            "--runs",
            parent.id(),
            "--paired-with",
            "parent",
            "--out",
            tmp.resolve("none").resolve("x.csv").toString());
    assertThat(noFork.code()).isEqualTo(2);
    assertThat(noFork.errLines())
        .singleElement()
        .asString()
        .startsWith("error: --paired-with parent: no fork among the runs compared");
    assertThat(Files.exists(tmp.resolve("none").resolve("x.csv"))).isFalse();

    Path orphans = Files.createDirectories(tmp.resolve("orphans"));
    try (var files = Files.walk(lrelu.folder().dir())) {
      for (Path f : files.toList()) {
        Files.copy(
            f,
            orphans
                .resolve(lrelu.folder().id())
                .resolve(lrelu.folder().dir().relativize(f).toString()));
      }
    }
    Cli.Result orphan =
        Cli.run(
            tmp,
            "compare",
            "--store",
            orphans.toString(),
            "--paired-with",
            "parent",
            "--out",
            tmp.resolve("none").resolve("y.csv").toString());
    assertThat(orphan.code()).isEqualTo(2);
    assertThat(orphan.errLines())
        .singleElement()
        .asString()
        .isEqualTo(
            "error: --paired-with parent: "
                + lrelu.folder().id()
                + " left out: its parent "
                + parent.id()
                + " is not in the store");
    assertThat(orphan.hasNoStackTrace()).isTrue();
  }

  @Test
  void changesTheWeightsCannotCarryAreRefusedWithTheReason() {
    assertThatThrownBy(() -> Fork.check(PARENT, PARENT.toBuilder().batchNorm(false).build()))
        .isInstanceOf(InvalidField.class)
        .hasMessageContaining("batchNorm")
        .hasMessageContaining("trained with batch normalisation");
    assertThatThrownBy(() -> Fork.check(PARENT, PARENT.toBuilder().depth(3).build()))
        .hasMessageContaining("depth");
    assertThatThrownBy(() -> Fork.check(PARENT, PARENT.toBuilder().width(8).build()))
        .hasMessageContaining("width");
    Fork.check(
        PARENT,
        PARENT.toBuilder()
            .activation("relu")
            .lr(0.1)
            .optimizer(OptimizerKind.ADAM)
            .momentum(0.9)
            .schedule(ScheduleKind.COSINE)
            .build());
  }

  @Test
  void theCommandLineForksAndRefusesWithOneErrorLine() throws Exception {
    Path store = tmp.resolve("cli");
    Cli.Result refused =
        Cli.run(
            tmp,
            "train",
            "--fork",
            parent.dir().toString(),
            "--at",
            "5",
            "--depth",
            "4",
            "--out",
            store.toString());
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.errLines())
        .singleElement()
        .asString()
        .startsWith("error: --depth cannot change in a fork");
    assertThat(refused.hasNoStackTrace()).isTrue();
    Cli.Result late =
        Cli.run(
            tmp,
            "train",
            "--fork",
            parent.dir().toString(),
            "--at",
            "41",
            "--out",
            store.toString());
    assertThat(late.code()).isEqualTo(2);
    assertThat(late.errLines()).singleElement().asString().startsWith("error: --at must be");
    assertThat(Files.exists(store) ? Files.list(store).count() : 0).isZero();

    Cli.Result ok =
        Cli.run(
            tmp,
            "train",
            "--fork",
            parent.dir().toString(),
            "--at",
            "30",
            "--activation",
            "relu",
            "--out",
            store.toString());
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("forked from " + parent.id() + " at step 30");
    Path run = Files.list(store).findFirst().orElseThrow();
    TrainSpec written = Json.readSpec(run.resolve("spec.json"));
    assertThat(written.activation().id()).isEqualTo("relu");
    assertThat(written.forkOf()).isEqualTo(new ForkOrigin(parent.id(), 30));
    assertThat(RunData.curve(run, "train_loss", null).steps()[0]).isEqualTo(31);
  }
}
