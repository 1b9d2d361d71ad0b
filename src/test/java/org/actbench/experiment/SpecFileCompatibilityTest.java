package org.actbench.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.actbench.engine.ActivationSpec;
import org.actbench.engine.Kernels;
import org.actbench.metrics.MetricsSettings;
import org.actbench.metrics.ProbeSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spec.json as runs wrote it before the closed sets were enums: read and written the same. */
class SpecFileCompatibilityTest {
  @TempDir Path tmp;

  /** A run's spec.json from before {@code kernels} existed, as written then. */
  static final String WITHOUT_KERNELS =
      """
      {
        "family" : "plain",
        "activation" : {
          "id" : "elu",
          "alpha" : null,
          "slope" : null
        },
        "depth" : 4,
        "width" : 16,
        "batchNorm" : true,
        "dropout" : 0.0,
        "init" : "auto",
        "optimizer" : "sgd",
        "lr" : 0.01,
        "momentum" : 0.0,
        "weightDecay" : 0.0,
        "schedule" : "constant",
        "batch" : 64,
        "steps" : 30,
        "evalEvery" : 30,
        "seed" : 1,
        "data" : "default",
        "perClass" : 0,
        "preprocessing" : "standardize",
        "augment" : false,
        "explicit" : null,
        "metrics" : {
          "logEvery" : 10,
          "histogramEvery" : 100,
          "bins" : 50,
          "probe" : {
            "every" : 200,
            "size" : 32,
            "fisher" : "empirical",
            "covariance" : "shared",
            "damping" : 0.001,
            "maxRows" : 4096
          }
        }""";

  static final TrainSpec SAME =
      TrainSpec.builder()
          .activation("elu")
          .depth(4)
          .width(16)
          .batchNorm(true)
          .steps(30)
          .evalEvery(30)
          .metrics(
              new MetricsSettings(
                  10, 100, 50, new ProbeSettings(200, 32, "empirical", "shared", 1e-3, 4096)))
          .build();

  @Test
  void aSpecWithoutKernelsReadsAsRunOnNd4j() throws Exception {
    Path file = tmp.resolve("spec.json");
    Files.writeString(file, WITHOUT_KERNELS + "\n}");
    TrainSpec read = Json.readSpec(file);
    assertThat(read.kernels()).isEqualTo(Kernels.ND4J);
    assertThat(read).isEqualTo(SAME.withKernels(Kernels.ND4J));
    assertThat(read.family()).isEqualTo(NetworkFamily.PLAIN);
    assertThat(read.init()).isEqualTo(InitChoice.AUTO);
    assertThat(read.optimizer()).isEqualTo(OptimizerKind.SGD);
    assertThat(read.schedule()).isEqualTo(ScheduleKind.CONSTANT);
    assertThat(read.activation()).isEqualTo(ActivationSpec.of("elu"));
  }

  @Test
  void aSpecWithKernelsIsWrittenBackByteForByte() throws Exception {
    String old = WITHOUT_KERNELS + ",\n  \"kernels\" : \"onednn\"\n}";
    Path file = tmp.resolve("spec.json");
    Files.writeString(file, old);
    TrainSpec read = Json.readSpec(file);
    assertThat(read).isEqualTo(SAME.withKernels(Kernels.ONEDNN));
    Path again = tmp.resolve("again.json");
    Json.write(again, read);
    assertThat(Files.readString(again).strip()).isEqualTo(old);
  }

  @Test
  void namesReadAsBeforeAndABadOneIsNamed() throws Exception {
    Path file = tmp.resolve("spec.json");
    String other =
        WITHOUT_KERNELS
            .replace("\"plain\"", "\"Plain\"")
            .replace("\"sgd\"", "\"nesterov\"")
            .replace("\"constant\"", "\"paper-steps\"")
            .replace("\"auto\"", "\"lecun\"");
    Files.writeString(file, other + "\n}");
    TrainSpec read = Json.readSpec(file);
    assertThat(read.family()).isEqualTo(NetworkFamily.PLAIN);
    assertThat(read.optimizer()).isEqualTo(OptimizerKind.NESTEROV);
    assertThat(read.schedule()).isEqualTo(ScheduleKind.PAPER_STEPS);
    assertThat(read.init()).isEqualTo(InitChoice.LECUN);
    Files.writeString(file, WITHOUT_KERNELS.replace("\"sgd\"", "\"sgdx\"") + "\n}");
    assertThatThrownBy(() -> Json.readSpec(file))
        .hasMessageStartingWith(file + " is not a valid spec file: ")
        .hasMessageContaining("optimizer must be sgd, nesterov or adam, got 'sgdx'");
  }

  @Test
  void preprocessingIsAClosedSetWithTheSameNames() throws Exception {
    Path file = tmp.resolve("spec.json");
    assertThat(SAME.preprocessing()).isEqualTo(PreprocessingKind.STANDARDIZE);
    Files.writeString(file, WITHOUT_KERNELS.replace("\"standardize\"", "\"standardise\"") + "\n}");
    assertThat(Json.readSpec(file).preprocessing()).isEqualTo(PreprocessingKind.STANDARDIZE);
    Files.writeString(file, WITHOUT_KERNELS.replace("\"standardize\"", "\"gcn-zca\"") + "\n}");
    TrainSpec gcn = Json.readSpec(file);
    assertThat(gcn.preprocessing()).isEqualTo(PreprocessingKind.GCN_ZCA);
    Path again = tmp.resolve("again.json");
    Json.write(again, gcn);
    assertThat(Files.readString(again)).contains("\"preprocessing\" : \"gcn-zca\"");
    Files.writeString(file, WITHOUT_KERNELS.replace("\"standardize\"", "\"zca\"") + "\n}");
    assertThatThrownBy(() -> Json.readSpec(file))
        .hasMessageContaining("preprocessing must be scale, standardize or gcn-zca, got 'zca'");
  }
}
