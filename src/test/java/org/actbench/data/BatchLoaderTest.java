package org.actbench.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class BatchLoaderTest {
  static Cifar10 sample;
  static Preprocessor scale;

  @BeforeAll
  static void readSample() {
    sample = Cifar10Reader.read(new SampleSource());
    scale = new Preprocessing.Scale().fit(sample.train(), null, Progress.NONE);
  }

  /** Image i of the set as pixel/255: [3, 32, 32]. */
  static INDArray image(ImageSet set, int i) {
    float[] v = new float[Cifar10Format.IMAGE_BYTES];
    for (int k = 0; k < v.length; k++) {
      v[k] = (set.pixels()[i * Cifar10Format.IMAGE_BYTES + k] & 0xff) / 255f;
    }
    return Nd4j.createFromArray(v).reshape(3, 32, 32);
  }

  private BatchLoader loader(Augmentation aug, long seed) {
    return new BatchLoader(sample.train(), Subsets.all(sample.train()), 64, scale, aug, seed, true);
  }

  @Test
  void evaluationBatchesHoldEveryImageOnceInOrderWithOneHotLabels() {
    BatchLoader eval = BatchLoader.evaluation(sample.test(), 300, scale);
    assertThat(eval.batchesPerEpoch()).isEqualTo(4);
    int seen = 0;
    for (int b = 0; b < 4; b++) {
      Batch batch = eval.next();
      assertThat(batch.x().shape()).containsExactly(batch.size(), 3, 32, 32);
      for (int k = 0; k < batch.size(); k += 37) {
        int i = seen + k;
        assertThat(batch.labels()[k]).isEqualTo(sample.test().label(i));
        assertThat(batch.y().getDouble(k, sample.test().label(i))).isEqualTo(1.0);
        assertThat(batch.y().getRow(k).sumNumber().doubleValue()).isEqualTo(1.0);
        assertThat(
                batch.x().get(NDArrayIndex.point(k)).equalsWithEps(image(sample.test(), i), 1e-6))
            .isTrue();
      }
      seen += batch.size();
    }
    assertThat(seen).isEqualTo(1000);
    assertThat(eval.next().epoch()).isEqualTo(1);
  }

  @Test
  void sameSeedGivesTheSameBatchesAndAnotherSeedDoesNot() {
    BatchLoader a = loader(Augmentation.PAPER, 7);
    BatchLoader b = loader(Augmentation.PAPER, 7);
    BatchLoader c = loader(Augmentation.PAPER, 8);
    for (int step = 0; step < 3; step++) {
      Batch ba = a.next();
      int[] labelsA = ba.labels().clone();
      INDArray xa = ba.x().dup();
      Batch bb = b.next();
      Batch bc = c.next();
      assertThat(bb.labels()).isEqualTo(labelsA);
      assertThat(bb.x().equalsWithEps(xa, 0)).isTrue();
      assertThat(bc.x().equalsWithEps(xa, 1e-3)).isFalse();
    }
  }

  @Test
  void shuffledEpochVisitsEveryImageOnceAndDropsTheIncompleteBatch() {
    int[] subset = Subsets.stratified(sample.train(), 10, 3); // 100 images
    BatchLoader loader =
        new BatchLoader(sample.train(), subset, 32, scale, Augmentation.NONE, 1, true);
    assertThat(loader.batchesPerEpoch()).isEqualTo(3);
    int[] counts = new int[10];
    for (int b = 0; b < 3; b++) {
      for (int label : loader.next().labels()) {
        counts[label]++;
      }
    }
    assertThat(Arrays.stream(counts).sum()).isEqualTo(96);
    assertThat(loader.next().epoch()).isEqualTo(1);
  }

  @Test
  void flipMirrorsAboutHalfTheImagesAndKeepsTheRest() {
    BatchLoader plain =
        new BatchLoader(
            sample.train(), Subsets.all(sample.train()), 64, scale, Augmentation.NONE, 5, true);
    BatchLoader flipped =
        new BatchLoader(
            sample.train(),
            Subsets.all(sample.train()),
            64,
            scale,
            new Augmentation(0, true),
            5,
            true);
    INDArray x = plain.next().x().dup();
    INDArray f = flipped.next().x();
    int mirrored = 0;
    for (int i = 0; i < 64; i++) {
      INDArray original = x.get(NDArrayIndex.point(i));
      INDArray out = f.get(NDArrayIndex.point(i));
      INDArray expected = mirrorColumns(original);
      boolean same = out.equalsWithEps(original, 1e-6);
      boolean isMirror = out.equalsWithEps(expected, 1e-6);
      assertThat(same || isMirror).as("image %d is neither kept nor mirrored", i).isTrue();
      mirrored += isMirror && !same ? 1 : 0;
    }
    assertThat(mirrored).isBetween(16, 48);
  }

  static INDArray mirrorColumns(INDArray chw) {
    INDArray out = chw.dup();
    for (int col = 0; col < 32; col++) {
      out.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(col))
          .assign(chw.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(31 - col)));
    }
    return out;
  }

  @Test
  void cropIsAWindowOfTheZeroPaddedImage() {
    BatchLoader plain =
        new BatchLoader(
            sample.train(), Subsets.all(sample.train()), 16, scale, Augmentation.NONE, 9, true);
    BatchLoader cropped =
        new BatchLoader(
            sample.train(),
            Subsets.all(sample.train()),
            16,
            scale,
            new Augmentation(4, false),
            9,
            true);
    INDArray x = plain.next().x().dup();
    INDArray c = cropped.next().x();
    Set<String> offsets = new HashSet<>();
    for (int i = 0; i < 16; i++) {
      INDArray padded = Nd4j.zeros(DataType.FLOAT, 3, 40, 40);
      padded
          .get(NDArrayIndex.all(), NDArrayIndex.interval(4, 36), NDArrayIndex.interval(4, 36))
          .assign(x.get(NDArrayIndex.point(i)));
      String found = null;
      for (int dy = 0; dy <= 8 && found == null; dy++) {
        for (int dx = 0; dx <= 8 && found == null; dx++) {
          INDArray window =
              padded.get(
                  NDArrayIndex.all(),
                  NDArrayIndex.interval(dy, dy + 32),
                  NDArrayIndex.interval(dx, dx + 32));
          if (window.equalsWithEps(c.get(NDArrayIndex.point(i)), 1e-6)) {
            found = dy + "," + dx;
          }
        }
      }
      assertThat(found).as("image %d is no window of its padded original", i).isNotNull();
      offsets.add(found);
    }
    assertThat(offsets).hasSizeGreaterThan(3);
  }

  @Test
  void standardisedTrainingSetHasZeroMeanAndUnitDeviationPerChannel() {
    Preprocessor std = new Preprocessing.Standardize().fit(sample.train(), null, Progress.NONE);
    BatchLoader all = BatchLoader.evaluation(sample.train(), 1000, std);
    double[] sum = new double[3];
    double[] sq = new double[3];
    for (int b = 0; b < all.batchesPerEpoch(); b++) {
      INDArray x = all.next().x();
      for (int c = 0; c < 3; c++) {
        INDArray ch = x.get(NDArrayIndex.all(), NDArrayIndex.point(c)).castTo(DataType.DOUBLE);
        sum[c] += ch.sumNumber().doubleValue();
        sq[c] += ch.mul(ch).sumNumber().doubleValue();
      }
    }
    double n = 5000.0 * 1024;
    for (int c = 0; c < 3; c++) {
      assertThat(sum[c] / n).isCloseTo(0.0, within(1e-4));
      assertThat(Math.sqrt(sq[c] / n)).isCloseTo(1.0, within(1e-4));
    }
  }

  @Test
  void stratifiedSubsetTakesTheSameNumberPerClassReproducibly() {
    int[] a = Subsets.stratified(sample.train(), 30, 11);
    int[] b = Subsets.stratified(sample.train(), 30, 11);
    int[] c = Subsets.stratified(sample.train(), 30, 12);
    assertThat(a).isEqualTo(b).isNotEqualTo(c).isSorted().doesNotHaveDuplicates();
    assertThat(sample.train().select(a).classCounts()).containsOnly(30);
    assertThatThrownBy(() -> Subsets.stratified(sample.train(), 501, 1))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("501 images per class");
  }

  @Test
  void batchLargerThanTheTrainingSetIsRefused() {
    assertThatThrownBy(
            () ->
                new BatchLoader(
                    sample.train(), new int[] {1, 2, 3}, 64, scale, Augmentation.NONE, 1, true))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("batch size 64");
  }
}
