package org.actbench.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.actbench.data.Cifar10;
import org.actbench.data.Cifar10Reader;
import org.actbench.data.Progress;
import org.actbench.data.SampleSource;
import org.actbench.engine.train.Checkpoint;
import org.actbench.engine.train.TrainingSink;
import org.actbench.experiment.RunFolder;
import org.actbench.experiment.Runner;
import org.actbench.experiment.TrainSpec;
import org.actbench.testing.Cli;
import org.actbench.testing.TinySpecs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A damaged newest checkpoint (NaN weights, a file cut short, garbage, a missing array) stops a
 * resume in one line before anything is cut back: the run's files stay byte for byte as they were.
 */
@Tag("fault")
class DamagedCheckpointTest {
  @TempDir Path tmp;
  private static Cifar10 sample;

  @BeforeAll
  static void read() {
    sample = Cifar10Reader.read(new SampleSource());
  }

  private static TrainSpec spec(int steps) {
    return TinySpecs.builder()
        .activation("elu")
        .depth(2)
        .batchNorm(true)
        .momentum(0.9)
        .weightDecay(1e-4)
        .steps(steps)
        .evalEvery(10)
        .seed(2)
        .build();
  }

  /** A run stopped at step 30 of 60, with checkpoints at 10, 20 and 30. */
  private Path stoppedRun() throws IOException {
    TrainSpec spec = spec(60);
    RunFolder folder = RunFolder.create(tmp.resolve("store"), spec);
    int[] polls = {0};
    folder.train(
        new Runner(spec, sample, null, Progress.NONE),
        TrainingSink.NONE,
        () -> ++polls[0] > 30,
        10);
    return folder.dir();
  }

  private static void stripCrcs(Path checkpoint) throws IOException {
    Path file = checkpoint.resolve("checkpoint.properties");
    Files.writeString(file, Files.readString(file).replaceAll("(?m)^crc\\..*$", ""));
  }

  private static String snapshot(Path run) throws IOException {
    StringBuilder all = new StringBuilder();
    for (String f : List.of("metrics.csv", "layers.csv", "histograms.csv", "status.json")) {
      all.append(f).append(Arrays.hashCode(Files.readAllBytes(run.resolve(f))));
    }
    return all.toString();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "nan-weights",
        "cut-short",
        "garbage",
        "missing-array",
        "bad-properties",
        "missing-crc",
        "altered-without-crc"
      })
  void aDamagedCheckpointStopsTheResumeBeforeAnythingIsCut(String damage) throws IOException {
    Path run = stoppedRun();
    Path latest = Checkpoint.latest(run).orElseThrow();
    assertThat(latest.getFileName().toString()).isEqualTo("step-00000030");
    Path weights;
    try (Stream<Path> files = Files.list(latest)) {
      weights =
          files
              .filter(f -> f.getFileName().toString().startsWith("conv1"))
              .findFirst()
              .orElseThrow();
    }
    switch (damage) {
      case "nan-weights" -> { // a whole file with its own CRC: the values are what is wrong
        INDArray w = Nd4j.readBinary(weights.toFile());
        w.putScalar(0, Float.NaN);
        Nd4j.saveBinary(w, weights.toFile());
        String name = weights.getFileName().toString().replace(".bin", "");
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(Files.readAllBytes(weights));
        String props = Files.readString(latest.resolve("checkpoint.properties"));
        Files.writeString(
            latest.resolve("checkpoint.properties"),
            props.replaceAll("(?m)^crc\\." + name + "=.*$", "crc." + name + "=" + crc.getValue()));
      }
      case "missing-crc" -> stripCrcs(latest); // nothing can vouch for the arrays
      case "altered-without-crc" -> { // changed weights that a missing CRC would let through
        INDArray w = Nd4j.readBinary(weights.toFile());
        w.muli(2);
        Nd4j.saveBinary(w, weights.toFile());
        stripCrcs(latest);
      }
      case "cut-short" ->
          Files.write(
              weights, Arrays.copyOf(Files.readAllBytes(weights), (int) Files.size(weights) / 2));
      case "garbage" -> {
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(weights, bytes);
      }
      case "missing-array" -> Files.delete(weights);
      case "bad-properties" ->
          Files.writeString(latest.resolve("checkpoint.properties"), "step=thirty\n");
      default -> throw new IllegalArgumentException(damage);
    }
    String before = snapshot(run);
    Cli.Result r = Cli.run(tmp, "train", "--resume", run.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.hasNoStackTrace()).as(r.err()).isTrue();
    assertThat(r.errLines())
        .singleElement()
        .asString()
        .startsWith("error: checkpoint " + latest + " is damaged: ");
    assertThat(snapshot(run)).isEqualTo(before); // 30 rows stay 30 rows
  }

  @Test
  void resumingAFinishedRunSaysSoWithItsRealFinalValues() throws IOException {
    TrainSpec spec = spec(20);
    RunFolder folder = RunFolder.create(tmp.resolve("store"), spec);
    folder.train(new Runner(spec, sample, null, Progress.NONE), TrainingSink.NONE, () -> false, 0);
    Cli.Result r = Cli.run(tmp, "train", "--resume", folder.dir().toString());
    assertThat(r.code()).as(r.err()).isZero();
    String last = r.out().lines().reduce((a, b) -> b).orElseThrow();
    assertThat(last)
        .startsWith("run=" + folder.id() + " status=finished final_train_loss=")
        .doesNotContain("NaN");
    assertThat(Files.readAllLines(folder.dir().resolve("metrics.csv"))).hasSize(21);
  }

  @Test
  void nanWeightsAreNeverSavedAsACheckpoint() throws IOException {
    // a rate that overflows the weights in one update (a ReLU net at 1e6 merely dies: finite)
    TrainSpec spec =
        TinySpecs.builder().activation("elu").depth(2).lr(1e38).steps(50).evalEvery(50).build();
    RunFolder folder = RunFolder.create(tmp.resolve("store"), spec);
    folder.train(new Runner(spec, sample, null, Progress.NONE), TrainingSink.NONE, () -> false, 1);
    for (Path c : Checkpoint.all(folder.dir())) {
      Checkpoint.load(
          c,
          new Runner(spec, sample, null, Progress.NONE).loop().network(),
          spec.newOptimizer()); // every saved one is whole and finite
    }
    assertThat(Files.readString(folder.dir().resolve("status.json"))).contains("\"diverged\"");
  }
}
