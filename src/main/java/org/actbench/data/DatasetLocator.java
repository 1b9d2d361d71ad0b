package org.actbench.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the dataset, in this order: the command line's {@code --data PATH}, the environment
 * variable {@code ACTBENCH_CIFAR10}, the cache {@code
 * ${XDG_CACHE_HOME:-~/.cache}/actbench/cifar-10}. A path may name the archive, the extracted
 * folder, or {@code sample} for the bundled sample set.
 */
public final class DatasetLocator {
  public static final String ENV_DATASET = "ACTBENCH_CIFAR10";
  public static final String SAMPLE = "sample";

  private final Map<String, String> env;
  private final Path userHome;

  public DatasetLocator(Map<String, String> env, Path userHome) {
    this.env = Map.copyOf(env);
    this.userHome = userHome;
  }

  /** The locator for this process: its environment and home folder. */
  public static DatasetLocator system() {
    return new DatasetLocator(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /** {@code ${XDG_CACHE_HOME:-~/.cache}/actbench}. */
  public Path cacheRoot() {
    String xdg = env.get("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : userHome.resolve(".cache");
    return base.resolve("actbench");
  }

  /** Where imported and downloaded CIFAR-10 lives: {@code <cacheRoot>/cifar-10}. */
  public Path cifarCache() {
    return cacheRoot().resolve("cifar-10");
  }

  /** Where a download in progress is kept until verified (outside the dataset cache). */
  public Path downloads() {
    return cacheRoot().resolve("downloads");
  }

  /**
   * The dataset to use, or empty when none is set and the cache has none.
   *
   * @param cliPath the {@code --data} value, or null
   * @throws DataException if a path was given but holds no dataset
   */
  public Optional<DataSource> locate(String cliPath) {
    if (cliPath != null && !cliPath.isBlank()) {
      return Optional.of(source(cliPath, "the command line"));
    }
    String fromEnv = env.get(ENV_DATASET);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Optional.of(source(fromEnv, "the environment variable " + ENV_DATASET));
    }
    Path cached = cifarCache().resolve(Cifar10Format.FOLDER);
    return Files.isDirectory(cached) ? Optional.of(new FolderSource(cached)) : Optional.empty();
  }

  /** Like {@link #locate} but a missing dataset is an error that says how to get one. */
  public DataSource require(String cliPath) {
    return locate(cliPath)
        .orElseThrow(
            () ->
                new DataException(
                    "no CIFAR-10 found: pass --data PATH (the archive or the cifar-10-batches-bin"
                        + " folder), set "
                        + ENV_DATASET
                        + ", run 'actbench data download' or 'actbench data import PATH' to fill "
                        + cifarCache()
                        + ", or use --data sample"));
  }

  /**
   * The source a path names: {@code sample}, an archive file, or a folder.
   *
   * @param from where the path came from, for the message
   */
  public static DataSource source(String spec, String from) {
    if (spec.equals(SAMPLE)) {
      return new SampleSource();
    }
    Path path = Path.of(spec);
    if (Files.isDirectory(path)) {
      return new FolderSource(path);
    }
    if (Files.exists(path) && !Files.isRegularFile(path)) {
      throw new DataException(
          path
              + " (from "
              + from
              + ") is not a plain file (a FIFO or device?);"
              + " expected cifar-10-binary.tar.gz or a cifar-10-batches-bin folder");
    }
    if (Files.exists(path) || Files.isSymbolicLink(path)) {
      return new ArchiveSource(path);
    }
    throw new DataException(
        "no dataset at "
            + path
            + " (from "
            + from
            + "); expected cifar-10-binary.tar.gz, a cifar-10-batches-bin folder, or 'sample'");
  }
}
