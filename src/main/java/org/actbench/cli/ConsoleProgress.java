package org.actbench.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.actbench.data.Progress;

/**
 * A one-line progress bar on the error stream, redrawn at most ten times a second; when the stream is
 * not a terminal it prints a line every 10% instead, so logs stay readable.
 */
final class ConsoleProgress implements Progress {
  private static final int WIDTH = 30;
  private final PrintWriter err;
  private final boolean terminal;
  private long lastDraw;
  private String lastPhase = "";
  private int lastDecile = -1;

  ConsoleProgress(PrintWriter err) {
    this.err = err;
    this.terminal = System.console() != null;
  }

  @Override
  public synchronized void update(String phase, long done, long total) {
    boolean newPhase = !phase.equals(lastPhase);
    if (newPhase && !lastPhase.isEmpty() && terminal) {
      err.println();
    }
    lastPhase = phase;
    double fraction = total > 0 ? Math.min(1.0, (double) done / total) : -1;
    if (terminal) {
      long now = System.nanoTime();
      if (!newPhase && now - lastDraw < 100_000_000L && fraction < 1.0) {
        return;
      }
      lastDraw = now;
      err.print("\r" + render(phase, done, total, fraction));
      err.flush();
    } else {
      int decile = fraction < 0 ? 0 : (int) (fraction * 10);
      if (newPhase || decile != lastDecile) {
        lastDecile = decile;
        err.println(render(phase, done, total, fraction));
      }
    }
  }

  /** Ends the bar's line. */
  synchronized void finish() {
    if (terminal && !lastPhase.isEmpty()) {
      err.println();
    }
  }

  static String render(String phase, long done, long total, double fraction) {
    if (fraction < 0) {
      return String.format(Locale.ROOT, "%s %.1f MB", phase, done / 1e6);
    }
    int filled = (int) Math.round(fraction * WIDTH);
    return String.format(
        Locale.ROOT,
        "[%s%s] %3.0f%% %s %.1f/%.1f MB",
        "#".repeat(filled),
        ".".repeat(WIDTH - filled),
        fraction * 100,
        phase,
        done / 1e6,
        total / 1e6);
  }
}
