package org.actbench.data;

import static org.actbench.data.Cifar10Format.IMAGE_BYTES;
import static org.actbench.data.Cifar10Format.PLANE;

import java.util.Arrays;
import java.util.Locale;

/**
 * Counts and training-set channel means of a dataset, as {@code data check} prints them.
 *
 * @param channelMeans mean of pixel/255 over the training set, per channel R, G, B
 */
public record DataSummary(
    int train, int test, int[] trainPerClass, int[] testPerClass, double[] channelMeans) {

  public static DataSummary of(Cifar10 data) {
    return new DataSummary(
        data.train().size(),
        data.test().size(),
        data.train().classCounts(),
        data.test().classCounts(),
        channelMeans(data.train()));
  }

  /** Mean of pixel/255 per channel over all images of the set. */
  public static double[] channelMeans(ImageSet set) {
    long[] sums = new long[3];
    byte[] pixels = set.pixels();
    for (int image = 0; image < set.size(); image++) {
      for (int c = 0; c < 3; c++) {
        int from = image * IMAGE_BYTES + c * PLANE;
        long s = 0;
        for (int k = from; k < from + PLANE; k++) {
          s += pixels[k] & 0xff;
        }
        sums[c] += s;
      }
    }
    double count = (double) set.size() * PLANE * 255.0;
    return Arrays.stream(sums).mapToDouble(s -> s / count).toArray();
  }

  /**
   * The one-line summary, e.g. {@code train=50000 test=10000 per_class_train=5000-5000
   * per_class_test=1000-1000 mean=0.4914,0.4822,0.4465}.
   */
  public String line() {
    return String.format(
        Locale.ROOT,
        "train=%d test=%d per_class_train=%d-%d per_class_test=%d-%d mean=%.4f,%.4f,%.4f",
        train,
        test,
        Arrays.stream(trainPerClass).min().orElse(0),
        Arrays.stream(trainPerClass).max().orElse(0),
        Arrays.stream(testPerClass).min().orElse(0),
        Arrays.stream(testPerClass).max().orElse(0),
        channelMeans[0],
        channelMeans[1],
        channelMeans[2]);
  }
}
