package org.actbench.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The app's own copy of CIFAR-10: {@code <cache>/cifar-10/cifar-10-batches-bin/}, filled by import
 * or download. Files are written to a temporary folder beside it, checked against the official MD5
 * sums, and only then renamed into place, so the cache never holds a partial dataset.
 */
public final class Cifar10Cache {
  private static final long DATA_BYTES = 6L * 10_000 * Cifar10Format.RECORD_BYTES;

  /** Marks a file refused by its size in the MD5 map (no MD5 is ever this). */
  private static final String WRONG_SIZE = "size:";

  private final Path root;

  /**
   * @param root the {@code cifar-10} cache folder, e.g. {@link DatasetLocator#cifarCache()}
   */
  public Cifar10Cache(Path root) {
    this.root = root;
  }

  /** The folder the dataset lives in once installed. */
  public Path dataFolder() {
    return root.resolve(Cifar10Format.FOLDER);
  }

  public boolean isInstalled() {
    return Files.isDirectory(dataFolder());
  }

  /**
   * Copies the official CIFAR-10 from an archive or folder into the cache, after checking each
   * file's MD5 against the official release.
   *
   * @return the installed folder
   * @throws DataException if the source is not the official CIFAR-10; the cache is then unchanged
   */
  public Path importFrom(DataSource source, Progress progress) {
    Path staging = null;
    try {
      Files.createDirectories(root);
      // beside the cache folder, not in it: the cache holds the dataset and nothing else
      try (FileChannel lockFile =
              FileChannel.open(
                  root.resolveSibling("." + root.getFileName() + ".import.lock"),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock lock = lockFile.tryLock()) {
        if (lock == null) {
          throw new DataException(
              "another import into " + root + " is running; wait for it to end");
        }
        removeLeftovers();
        staging = Files.createTempDirectory(root, ".import-");
        Map<String, String> md5 = copyFiles(source, staging, progress);
        verify(source, md5);
        install(staging);
        staging = null;
        return dataFolder();
      }
    } catch (IOException e) {
      throw new DataException("cannot write the cache " + root + " (" + e.getMessage() + ")", e);
    } finally {
      if (staging != null) {
        FileTrees.delete(staging);
      }
    }
  }

  /**
   * Deletes what an import killed mid-way left (its {@code .import-*} staging and {@code .old-*}
   * folders); called under the import lock, so no running import's files are touched.
   */
  private void removeLeftovers() throws IOException {
    List<Path> leftovers;
    try (var entries = Files.list(root)) {
      leftovers =
          entries
              .filter(
                  p ->
                      p.getFileName().toString().startsWith(".import-")
                          || p.getFileName().toString().startsWith(".old-"))
              .sorted()
              .toList();
    }
    // killed between moving the old copy aside and the new one in: the old copy goes back
    if (!Files.exists(dataFolder())) {
      for (Path p : leftovers) {
        if (p.getFileName().toString().startsWith(".old-")) {
          Files.move(p, dataFolder(), StandardCopyOption.ATOMIC_MOVE);
          break;
        }
      }
    }
    for (Path p : leftovers) {
      if (Files.exists(p)) {
        FileTrees.delete(p);
      }
    }
  }

  private static Map<String, String> copyFiles(DataSource source, Path staging, Progress progress)
      throws IOException {
    Map<String, String> md5 = new HashMap<>();
    long[] copied = {0};
    source.forEachFile(
        (name, size, in) -> {
          if (size != OfficialChecksums.size(name)) {
            md5.put(name, WRONG_SIZE + size); // not copied; reported after the whole source
            return;
          }
          MessageDigest digest = OfficialChecksums.md5();
          try (OutputStream out =
              new DigestOutputStream(Files.newOutputStream(staging.resolve(name)), digest)) {
            byte[] buffer = new byte[1 << 20];
            long done = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
              out.write(buffer, 0, n);
              done += n;
              progress.update("import " + name, copied[0] + done, DATA_BYTES);
            }
            if (done != size) {
              throw new DataException(
                  name
                      + " in "
                      + source.describe()
                      + " is truncated: "
                      + done
                      + " bytes, expected "
                      + size);
            }
            copied[0] += done;
          }
          md5.put(name, OfficialChecksums.hex(digest));
        });
    return md5;
  }

  private static void verify(DataSource source, Map<String, String> md5) {
    List<String> missing = new ArrayList<>();
    for (String name : Cifar10Format.dataFiles()) {
      if (!md5.containsKey(name)) {
        missing.add(name);
      }
    }
    if (!md5.containsKey(Cifar10Format.META_FILE)) {
      missing.add(Cifar10Format.META_FILE);
    }
    if (!missing.isEmpty()) {
      throw new DataException(
          source.describe()
              + " lacks "
              + String.join(", ", missing)
              + "; expected data_batch_1..5.bin, test_batch.bin and batches.meta.txt");
    }
    List<String> official = new ArrayList<>(Cifar10Format.dataFiles());
    official.add(Cifar10Format.META_FILE);
    for (String name : official) {
      if (md5.get(name).startsWith(WRONG_SIZE)) {
        throw new DataException(
            name
                + " in "
                + source.describe()
                + " has "
                + md5.get(name).substring(WRONG_SIZE.length())
                + " bytes, the official file "
                + OfficialChecksums.size(name)
                + "; nothing was imported");
      }
    }
    for (String name : official) {
      String expected = OfficialChecksums.FILE_MD5.get(name);
      if (!expected.equals(md5.get(name))) {
        throw new DataException(
            name
                + " in "
                + source.describe()
                + " has MD5 "
                + md5.get(name)
                + ", expected "
                + expected
                + " (the official CIFAR-10 binary release); nothing was imported");
      }
    }
  }

  private void install(Path staging) throws IOException {
    Path target = dataFolder();
    Path old = null;
    if (Files.exists(target)) {
      old = root.resolve(".old-" + System.nanoTime());
      Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
    }
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      if (old != null) {
        Files.move(old, target, StandardCopyOption.ATOMIC_MOVE); // put the previous copy back
      }
      throw e;
    }
    if (old != null) {
      FileTrees.delete(old);
    }
  }
}
