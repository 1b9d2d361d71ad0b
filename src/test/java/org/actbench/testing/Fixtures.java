package org.actbench.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.actbench.data.Cifar10Format;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Small CIFAR-10-format datasets for tests: {@code records} per file, random pixels. */
public final class Fixtures {
  private Fixtures() {}

  /** File name → bytes, for a valid dataset of {@code records} images per file. */
  public static Map<String, byte[]> files(int records, long seed) {
    Random rng = new Random(seed);
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String name : Cifar10Format.dataFiles()) {
      byte[] data = new byte[records * Cifar10Format.RECORD_BYTES];
      rng.nextBytes(data);
      for (int r = 0; r < records; r++) {
        data[r * Cifar10Format.RECORD_BYTES] = (byte) (r % Cifar10Format.CLASSES);
      }
      files.put(name, data);
    }
    files.put(
        Cifar10Format.META_FILE,
        (String.join("\n", Cifar10Format.CLASS_NAMES) + "\n").getBytes(StandardCharsets.US_ASCII));
    return files;
  }

  public static Path writeFolder(Path dir, Map<String, byte[]> files) throws IOException {
    Files.createDirectories(dir);
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      Files.write(dir.resolve(e.getKey()), e.getValue());
    }
    return dir;
  }

  /**
   * A .tar.gz with each file under {@code cifar-10-batches-bin/} (names with '/' kept as given).
   */
  public static Path writeArchive(Path file, Map<String, byte[]> files) throws IOException {
    Files.write(file, archiveBytes(files));
    return file;
  }

  public static byte[] archiveBytes(Map<String, byte[]> files) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(bytes);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        String name =
            e.getKey().contains("/") ? e.getKey() : Cifar10Format.FOLDER + "/" + e.getKey();
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(e.getValue().length);
        tar.putArchiveEntry(entry);
        tar.write(e.getValue());
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }
}
