package org.actbench.cli;

import java.util.concurrent.Callable;
import org.actbench.engine.InvalidField;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code actbench fx-bench}: the window's frame times while runs train. */
@Command(
    name = "fx-bench",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    header = "Measure the window's frame times while runs train.",
    description = {
      "Opens the window, queues --runs runs on the sample set and, after a 10 s warm-up, records",
      "for --seconds the frame times JavaFX reports, the frame intervals and the longest stall of",
      "the FX thread. The last line is fx_p99_frame_ms=<x> fx_max_stall_ms=<y>. Without a display",
      "run it under xvfb-run: xvfb-run -a java -jar target/actbench.jar fx-bench."
    })
final class FxBenchCommand implements Callable<Integer> {
  @ParentCommand ActBenchCommand root;

  @Option(
      names = "--runs",
      description =
          "runs training meanwhile, 0 for the idle window" + " (default: ${DEFAULT-VALUE})")
  int runs = 8;

  @Option(
      names = "--seconds",
      description = "measured seconds after the warm-up (default:" + " ${DEFAULT-VALUE})")
  int seconds = 60;

  @Option(
      names = "--compare-charts",
      description = "instead: time JavaFX's LineChart against ActBench's chart")
  boolean compareCharts;

  @Option(
      names = "--normal-priority",
      description = "train at normal CPU priority instead of the window's background priority")
  boolean normalPriority;

  @Mixin KernelsOption kernels;

  @Override
  public Integer call() {
    InvalidField.inRange(runs, 0, 64, "runs");
    InvalidField.inRange(seconds, 1, 3600, "seconds");
    if (root.window == null) {
      throw new IllegalArgumentException(
          "fx-bench needs the window, which this launch has not"
              + " got; run java -jar target/actbench.jar fx-bench");
    }
    if (!WindowFace.displayAvailable()) {
      throw new IllegalArgumentException(
          "fx-bench needs a display; run it under xvfb-run:"
              + " xvfb-run -a java -jar target/actbench.jar fx-bench");
    }
    return root.window.fxBench(runs, seconds, compareCharts, normalPriority, kernels.requested());
  }
}
