package org.actbench.data;

import java.util.List;

/**
 * A whole CIFAR-10-format dataset in memory: 50,000 training and 10,000 test images for the real
 * set (about 184 MB of bytes), fewer for the sample set.
 *
 * @param origin where it was read from, for messages and run records
 */
public record Cifar10(ImageSet train, ImageSet test, List<String> classNames, String origin) {
  public Cifar10 {
    classNames = List.copyOf(classNames);
  }

  /**
   * What reports call this data: "CIFAR-10", or for the bundled sample set a name that says it is
   * not CIFAR-10 (its images are generated shapes).
   */
  public String title() {
    return origin.equals(new SampleSource().describe()) ? SampleSource.TITLE : "CIFAR-10";
  }

  /** Epochs that {@code steps} batches of {@code batch} images make of this training set. */
  public double epochs(long steps, int batch) {
    return (double) steps * batch / train.size();
  }
}
