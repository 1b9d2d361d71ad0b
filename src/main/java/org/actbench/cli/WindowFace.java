package org.actbench.cli;

import org.actbench.engine.Kernels;

/**
 * What the command line may ask of the window without depending on it ({@code cli} never imports
 * {@code ui}): the launcher passes the window's implementation in.
 */
public interface WindowFace {
  /**
   * Runs the window's frame benchmark and returns its exit code.
   *
   * @param runs runs training on the sample set while frames are measured (0: the idle window)
   * @param kernels what runs their layers
   */
  int fxBench(
      int runs, int seconds, boolean compareCharts, boolean normalPriority, Kernels kernels);

  /** Whether a display is there to open a window on. */
  static boolean displayAvailable() {
    return !System.getenv().getOrDefault("DISPLAY", "").isBlank()
        || !System.getenv().getOrDefault("WAYLAND_DISPLAY", "").isBlank()
        || "Monocle".equals(System.getProperty("glass.platform"));
  }
}
