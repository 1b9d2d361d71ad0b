package org.actbench.data;

import static org.actbench.data.Cifar10Format.CLASSES;
import static org.actbench.data.Cifar10Format.IMAGE_BYTES;
import static org.actbench.data.Cifar10Format.RECORD_BYTES;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a CIFAR-10-format dataset into memory and checks it: every data file present, a whole
 * number of 3,073-byte records, labels in 0..9, every file holding as many records as {@code
 * data_batch_1.bin}, ten class names in {@code batches.meta.txt}.
 */
public final class Cifar10Reader {
  private Cifar10Reader() {}

  /**
   * Reads the whole dataset.
   *
   * @throws DataException naming the file and what was expected, if anything is wrong
   */
  public static Cifar10 read(DataSource source) {
    Map<String, ImageSet> files = new HashMap<>();
    List<String> classNames = new ArrayList<>();
    try {
      source.forEachFile(
          (name, size, in) -> {
            if (name.equals(Cifar10Format.META_FILE)) {
              classNames.addAll(readClassNames(source, in));
            } else {
              files.put(name, readRecords(source, name, size, in));
            }
          });
    } catch (IOException e) {
      throw new DataException("cannot read " + source.describe() + " (" + e.getMessage() + ")", e);
    } catch (UncheckedIOException e) {
      throw new DataException("cannot read " + source.describe() + " (" + e.getMessage() + ")", e);
    }
    checkComplete(source, files, classNames);
    ImageSet[] train = Cifar10Format.TRAIN_FILES.stream().map(files::get).toArray(ImageSet[]::new);
    return new Cifar10(
        ImageSet.concat(train), files.get(Cifar10Format.TEST_FILE), classNames, source.describe());
  }

  private static ImageSet readRecords(DataSource source, String name, long size, InputStream in)
      throws IOException {
    String where = name + " in " + source.describe();
    if (size % RECORD_BYTES != 0) {
      throw new DataException(
          where
              + " has "
              + size
              + " bytes, not a whole number of "
              + RECORD_BYTES
              + "-byte records (1 label byte + 3072 pixel bytes)");
    }
    if (size > (long) Integer.MAX_VALUE / 2) {
      throw new DataException(where + " is too large (" + size + " bytes) for a CIFAR-10 batch");
    }
    int n = (int) (size / RECORD_BYTES);
    byte[] pixels = new byte[n * IMAGE_BYTES];
    byte[] labels = new byte[n];
    for (int r = 0; r < n; r++) {
      int label = in.read();
      int got = label < 0 ? 0 : in.readNBytes(pixels, r * IMAGE_BYTES, IMAGE_BYTES);
      if (got < IMAGE_BYTES) {
        long have = (long) r * RECORD_BYTES + (label < 0 ? 0 : 1 + got);
        throw new DataException(
            where + " is truncated: it ends after " + have + " bytes, expected " + size);
      }
      if (label >= CLASSES) {
        throw new DataException(
            where + ": record " + r + " has label " + label + ", expected a label in 0..9");
      }
      labels[r] = (byte) label;
    }
    return new ImageSet(pixels, labels);
  }

  private static List<String> readClassNames(DataSource source, InputStream in) throws IOException {
    String text =
        new String(in.readNBytes((int) Cifar10Format.MAX_META_BYTES), StandardCharsets.UTF_8);
    List<String> names = text.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    if (names.size() != CLASSES) {
      throw new DataException(
          Cifar10Format.META_FILE
              + " in "
              + source.describe()
              + " lists "
              + names.size()
              + " class names, expected 10, one per line");
    }
    return names;
  }

  private static void checkComplete(
      DataSource source, Map<String, ImageSet> files, List<String> classNames) {
    List<String> missing = new ArrayList<>();
    for (String name : Cifar10Format.dataFiles()) {
      if (!files.containsKey(name)) {
        missing.add(name);
      }
    }
    if (classNames.isEmpty()) {
      missing.add(Cifar10Format.META_FILE);
    }
    if (!missing.isEmpty()) {
      throw new DataException(
          source.describe()
              + " lacks "
              + String.join(", ", missing)
              + "; expected data_batch_1..5.bin, test_batch.bin and batches.meta.txt");
    }
    int expected = files.get(Cifar10Format.TRAIN_FILES.get(0)).size();
    for (String name : Cifar10Format.dataFiles()) {
      int n = files.get(name).size();
      if (n != expected || n == 0) {
        throw new DataException(
            name
                + " in "
                + source.describe()
                + " holds "
                + n
                + " records, expected "
                + expected
                + " like data_batch_1.bin (a truncated or mixed-up file?)");
      }
    }
  }
}
