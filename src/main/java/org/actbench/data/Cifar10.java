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
}
