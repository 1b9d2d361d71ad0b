package org.actbench.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleDataTest {
  @TempDir Path tmp;

  @Test
  void committedSampleSetIsExactlyWhatTheGeneratorMakes() throws IOException {
    new SampleDataGenerator(SampleDataGenerator.DEFAULT_SEED).writeTo(tmp);
    for (String file : Cifar10Format.dataFiles()) {
      String name = SampleDataGenerator.PREFIX + file;
      assertThat(Files.mismatch(tmp.resolve(name), Path.of("sample-data", name)))
          .as("sample-data/%s differs from the generator's output", name)
          .isEqualTo(-1L);
    }
  }

  @Test
  void bundledSampleSetIsBalancedAndSmall() {
    Cifar10 sample = Cifar10Reader.read(new SampleSource());
    DataSummary summary = DataSummary.of(sample);
    assertThat(summary.train()).isEqualTo(5_000);
    assertThat(summary.test()).isEqualTo(1_000);
    assertThat(summary.trainPerClass()).containsOnly(500);
    assertThat(summary.testPerClass()).containsOnly(100);
    assertThat(sample.classNames()).containsExactlyElementsOf(SampleDataGenerator.CLASS_NAMES);
    assertThat(summary.line()).startsWith("train=5000 test=1000 per_class_train=500-500");
  }

  @Test
  void differentSeedsMakeDifferentImages() {
    byte[] a = new SampleDataGenerator(1).file(0);
    byte[] b = new SampleDataGenerator(2).file(0);
    assertThat(a).hasSameSizeAs(b).isNotEqualTo(b);
  }
}
