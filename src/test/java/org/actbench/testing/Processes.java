package org.actbench.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** ActBench in a JVM of its own (this test's class path), to be killed as a user's would be. */
public final class Processes {
  private Processes() {}

  /**
   * Starts {@code prefix... java -cp CP org.actbench.Launcher ARGS}, output to {@code log}.
   *
   * @param prefix a command to run it under (e.g. {@code unshare --pid --fork}), or empty
   */
  public static Process actbench(List<String> prefix, Path home, Path log, String... args)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(prefix);
    cmd.addAll(
        List.of(
            java,
            "-Xmx1g",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            "org.actbench.Launcher"));
    cmd.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(new File(log.toString()));
    builder.environment().put("XDG_CACHE_HOME", home.resolve("xdg").toString());
    builder.environment().put("XDG_DATA_HOME", home.resolve("data").toString());
    return builder.start();
  }

  /** Waits until {@code condition} holds, polling; false if {@code seconds} pass first. */
  public static boolean await(double seconds, BooleanSupplier condition) {
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return condition.getAsBoolean();
  }

  /** SIGKILL, then waits for the process to be gone. */
  public static void kill9(Process p) throws InterruptedException {
    p.destroyForcibly();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("process " + p.pid() + " survived SIGKILL");
    }
  }

  /** The single run folder in {@code store}, or null while there is none. */
  public static Path onlyRun(Path store) {
    try (var dirs = Files.list(store)) {
      List<Path> runs = dirs.filter(Files::isDirectory).toList();
      return runs.size() == 1 ? runs.get(0) : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Lines of a file (0 if it is not there yet). */
  public static long lines(Path file) {
    try (var lines = Files.lines(file)) {
      return lines.count();
    } catch (IOException | java.io.UncheckedIOException e) {
      return 0;
    }
  }
}
