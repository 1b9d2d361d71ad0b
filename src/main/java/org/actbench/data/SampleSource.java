package org.actbench.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The bundled sample set: {@code sample-data/} of the repository, packed into the jar. It is made
 * by {@link SampleDataGenerator} (see {@code sample-data/README.md}), never taken from CIFAR-10.
 */
public record SampleSource() implements DataSource {
  static final String RESOURCE_DIR = "/org/actbench/data/sample/";

  /** Its training images: five files of 100 per class. */
  public static final int TRAIN_IMAGES =
      5 * SampleDataGenerator.PER_CLASS_PER_FILE * Cifar10Format.CLASSES;

  /** How reports name it: it is not CIFAR-10, and they must not say so. */
  public static final String TITLE =
      "the bundled sample set (" + TRAIN_IMAGES + " generated training images, not CIFAR-10)";

  @Override
  public String describe() {
    return "the bundled sample set";
  }

  @Override
  public void forEachFile(FileVisitor visitor) throws IOException {
    List<String> names = new ArrayList<>(Cifar10Format.dataFiles());
    names.add(Cifar10Format.META_FILE);
    for (String name : names) {
      String resource = RESOURCE_DIR + SampleDataGenerator.PREFIX + name;
      try (InputStream in = SampleSource.class.getResourceAsStream(resource)) {
        if (in == null) {
          continue;
        }
        byte[] bytes = in.readAllBytes();
        visitor.visit(name, bytes.length, new ByteArrayInputStream(bytes));
      }
    }
  }
}
