package org.actbench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PreprocessingTest {
  @TempDir Path tmp;

  @Test
  void globalContrastNormalisationCentresAndScalesEveryImage() {
    INDArray x = Nd4j.rand(DataType.FLOAT, 4, Cifar10Format.IMAGE_BYTES).muli(255);
    new Preprocessor.Gcn().apply(x, 55.0, 0.0);
    for (int r = 0; r < 4; r++) {
      INDArray row = x.getRow(r).castTo(DataType.DOUBLE);
      assertThat(row.meanNumber().doubleValue()).isCloseTo(0.0, within(1e-3));
      assertThat(row.stdNumber().doubleValue()).isCloseTo(55.0, within(1e-2)); // n − 1
    }
  }

  @Test
  void zcaWhiteningMakesTheCovarianceTheIdentity() {
    Nd4j.getRandom().setSeed(42);
    INDArray z = Nd4j.randn(DataType.DOUBLE, 2000, 6);
    INDArray mix = Nd4j.randn(DataType.DOUBLE, 6, 6);
    INDArray x = z.mmul(mix).addiRowVector(Nd4j.createFromArray(1.0, -2, 3, 0, 5, 1).reshape(1, 6));
    INDArray sumX = x.sum(true, 0);
    INDArray sumXX = x.transpose().mmul(x);
    INDArray[] meanAndW = ZcaFit.whitening(sumX, sumXX, 2000, 1e-12);
    INDArray w = meanAndW[1];
    assertThat(w.equalsWithEps(w.transpose(), 1e-9)).as("W is symmetric").isTrue();
    INDArray white = x.subRowVector(meanAndW[0]).mmul(w);
    INDArray cov = white.transpose().mmul(white).divi(2000);
    assertThat(cov.equalsWithEps(Nd4j.eye(6).castTo(DataType.DOUBLE), 1e-6)).isTrue();
  }

  @Test
  void gcnZcaFitIsCachedOnDiskAndReloadedIdentically() throws IOException {
    Cifar10 sample = Cifar10Reader.read(new SampleSource());
    ImageSet small = sample.train().select(Subsets.stratified(sample.train(), 100, 1));
    Preprocessing zca = Preprocessing.GcnZca.DEFAULT;
    Preprocessor.Whitening first = (Preprocessor.Whitening) zca.fit(small, tmp, Progress.NONE);
    Path cached;
    try (Stream<Path> files = Files.list(tmp.resolve("preprocessing"))) {
      cached = files.filter(p -> p.toString().endsWith(".bin")).findFirst().orElseThrow();
    }
    Preprocessor.Whitening again = (Preprocessor.Whitening) zca.fit(small, tmp, Progress.NONE);
    assertThat(again.whiten().equalsWithEps(first.whiten(), 0)).isTrue();
    assertThat(again.mean().equalsWithEps(first.mean(), 0)).isTrue();

    // Whitened training images: each pixel feature has mean ~0 over the set.
    BatchLoader loader = BatchLoader.evaluation(small, 1000, again);
    INDArray x = loader.next().x().reshape(1000, Cifar10Format.IMAGE_BYTES);
    assertThat(x.mean(0).amaxNumber().doubleValue()).isLessThan(1e-3);

    // A damaged cache file is refitted, not trusted.
    Files.write(cached, new byte[] {1, 2, 3});
    Preprocessor.Whitening refit = (Preprocessor.Whitening) zca.fit(small, tmp, Progress.NONE);
    assertThat(refit.whiten().equalsWithEps(first.whiten(), 1e-5)).isTrue();
    assertThat(cached).hasSize(8 + 4L * 3072 * 3073);
  }

  @Test
  void unknownPreprocessingNameIsRefusedWithTheChoices() {
    assertThat(Preprocessing.parse("standardize")).isEqualTo(new Preprocessing.Standardize());
    assertThatThrownBy(() -> Preprocessing.parse("whiten"))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("'whiten'")
        .hasMessageContaining("scale, standardize or gcn-zca");
  }
}
