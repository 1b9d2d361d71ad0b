package org.actbench.data;

import java.util.List;

/**
 * The official CIFAR-10 binary layout: each record is 1 label byte (0..9) followed by 3072 pixel
 * bytes, the 1024 red, 1024 green and 1024 blue values of a 32x32 image, each plane row-major.
 */
public final class Cifar10Format {
  public static final int CLASSES = 10;
  public static final int CHANNELS = 3;
  public static final int SIDE = 32;
  public static final int PLANE = SIDE * SIDE; // 1024
  public static final int IMAGE_BYTES = CHANNELS * PLANE; // 3072
  public static final int RECORD_BYTES = 1 + IMAGE_BYTES; // 3073
  public static final int OFFICIAL_RECORDS_PER_FILE = 10_000;

  public static final List<String> TRAIN_FILES =
      List.of(
          "data_batch_1.bin",
          "data_batch_2.bin",
          "data_batch_3.bin",
          "data_batch_4.bin",
          "data_batch_5.bin");
  public static final String TEST_FILE = "test_batch.bin";
  public static final String META_FILE = "batches.meta.txt";

  /** The folder the official archive unpacks to. */
  public static final String FOLDER = "cifar-10-batches-bin";

  public static final List<String> CLASS_NAMES =
      List.of(
          "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

  /** Every data file the reader needs, in reading order. */
  public static List<String> dataFiles() {
    return List.of(
        TRAIN_FILES.get(0),
        TRAIN_FILES.get(1),
        TRAIN_FILES.get(2),
        TRAIN_FILES.get(3),
        TRAIN_FILES.get(4),
        TEST_FILE);
  }

  /** The class list is ten short names: anything larger is not one. */
  public static final long MAX_META_BYTES = 4096;

  /**
   * Refuses, from its size alone and before a byte is read, a file larger than the official one
   * (10,000 records; a 4 KB class list): a gzip bomb or a wrong file never fills memory or disk.
   */
  public static void checkSize(String source, String name, long size) {
    long max =
        name.equals(META_FILE) ? MAX_META_BYTES : (long) OFFICIAL_RECORDS_PER_FILE * RECORD_BYTES;
    if (size < 0 || size > max) {
      throw new DataException(
          name
              + " in "
              + source
              + " has "
              + size
              + " bytes, more than the "
              + max
              + " of the official file; refused before reading");
    }
  }

  private Cifar10Format() {}
}
