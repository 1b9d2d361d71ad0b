package org.actbench.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Gives the calling thread the CPU only when nothing else wants it, so that a window stays smooth
 * while its runs train on every core. On Linux it asks for {@code SCHED_IDLE} ({@code chrt
 * --idle}), or else nice 19 ({@code renice}); neither needs privileges. Native threads that the
 * training thread starts later (ND4J's, oneDNN's) inherit it. Elsewhere it changes nothing.
 *
 * <p>Why not {@link Thread#setPriority}: HotSpot ignores Java priorities on Linux unless it runs as
 * root. Measured in {@code docs/performance.md}: with 8 runs on 2 cores the longest FX-thread stall
 * fell from about 60 ms to about 15 ms.
 */
public final class BackgroundPriority {
  private BackgroundPriority() {}

  /** What happened, for logs and the frame benchmark: "SCHED_IDLE", "nice 19", or why neither. */
  public static String lowerCurrentThread() {
    Path self = Path.of("/proc/thread-self");
    if (!Files.isSymbolicLink(self)) {
      return "unchanged (no /proc/thread-self: not Linux)";
    }
    String tid;
    try {
      tid = Files.readSymbolicLink(self).getFileName().toString();
    } catch (IOException e) {
      return "unchanged (" + e.getMessage() + ")";
    }
    if (run(List.of("chrt", "--idle", "-p", "0", tid))) {
      return "SCHED_IDLE";
    }
    if (run(List.of("renice", "-n", "19", "-p", tid))) {
      return "nice 19";
    }
    return "unchanged (neither chrt nor renice worked)";
  }

  private static boolean run(List<String> command) {
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
