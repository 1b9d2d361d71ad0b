package org.actbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.actbench.data.DatasetLocator;
import org.actbench.experiment.LayersCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --correct-bias-shift} end to end on the preferred kernels (oneDNN where it runs, in
 * single precision): the probe finds no bias shift in the updates the run takes, while the plain
 * gradient's ρ stays what it is, and layers.csv says which intervals were used.
 */
class CorrectionCliTest {
  @TempDir Path tmp;

  private int run(StringWriter err, String... args) {
    DatasetLocator locator =
        new DatasetLocator(Map.of("XDG_CACHE_HOME", tmp.resolve("xdg").toString()), tmp);
    return ActBenchCommand.run(
        locator, new PrintWriter(new StringWriter()), new PrintWriter(err), args);
  }

  @Test
  void aCorrectedRunTakesUpdatesWithoutBiasShift() throws IOException {
    StringWriter err = new StringWriter();
    int code =
        run(
            err,
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
            "3",
            "--data",
            "sample",
            "--log-every",
            "1",
            "--probe-every",
            "1",
            "--correct-bias-shift",
            "shared",
            "--fixed-intervals", // every step measured, whatever the budget would allow
            "--out",
            tmp.resolve("runs").toString());
    assertThat(code).as(err.toString()).isZero();
    Path dir;
    try (var runs = Files.list(tmp.resolve("runs"))) {
      dir = runs.filter(Files::isDirectory).findFirst().orElseThrow();
    }
    assertThat(dir.getFileName().toString()).startsWith("relu-d2-w4-bsc-s1-");
    assertThat(Files.readString(dir.resolve("spec.json")))
        .contains("\"correctBiasShift\" : \"shared\"")
        .doesNotContain("measureBudget"); // --fixed-intervals: no budget
    List<String> lines = Files.readAllLines(dir.resolve("layers.csv"));
    List<String> header = Arrays.asList(lines.get(0).split(","));
    assertThat(lines.get(0)).isEqualTo(LayersCsv.HEADER);
    int rho = header.indexOf("bias_shift_rho");
    int taken = header.indexOf("taken_rho");
    int ratio = header.indexOf("taken_mean_ratio");
    int logEvery = header.indexOf("log_every");
    int probed = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      assertThat(f[logEvery]).isEqualTo("1");
      if (f[rho].isEmpty() || f[taken].isEmpty()) {
        continue;
      }
      probed++;
      assertThat(Double.parseDouble(f[rho])).as(line).isGreaterThan(0.05);
      assertThat(Double.parseDouble(f[taken])).as(line).isLessThan(1e-3);
      assertThat(Double.parseDouble(f[ratio])).as(line).isCloseTo(1.0, within(1e-3));
    }
    assertThat(probed).as("probed rows").isGreaterThanOrEqualTo(3);
  }

  @Test
  void anUnknownCorrectionIsOneErrorNamingTheOption() {
    StringWriter err = new StringWriter();
    int code =
        run(
            err,
            "train",
            "--data",
            "sample",
            "--steps",
            "1",
            "--correct-bias-shift",
            "full",
            "--out",
            tmp.resolve("runs").toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip().lines().toList())
        .singleElement()
        .asString()
        .startsWith("error: --correct-bias-shift must be off, shared or unit, got 'full'");
    assertThat(tmp.resolve("runs")).doesNotExist();
  }
}
