package org.actbench.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.actbench.data.Progress;

/**
 * A one-line progress bar on the error stream, redrawn at most ten times a second; when the stream
 * is not a terminal it prints a line every 10% instead, so logs stay readable.
 */
final class ConsoleProgress implements Progress {
  private static final int WIDTH = 30;
  private final PrintWriter err;
  private final boolean terminal;
  private final boolean megabytes;
  private long lastDraw;
  private String lastPhase = "";
  private int lastDecile = -1;
  private volatile String detail = "";
  private long phaseStart;
  private long phaseFirstDone;

  ConsoleProgress(PrintWriter err) {
    this(err, true);
  }

  /**
   * @param megabytes whether done/total count bytes (shown in MB) or plain units (steps)
   */
  ConsoleProgress(PrintWriter err, boolean megabytes) {
    this.err = err;
    this.terminal = System.console() != null;
    this.megabytes = megabytes;
  }

  @Override
  public synchronized void update(String phase, long done, long total) {
    boolean newPhase = !phase.equals(lastPhase);
    if (newPhase && !lastPhase.isEmpty() && terminal) {
      err.println();
    }
    if (newPhase) {
      phaseStart = System.nanoTime();
      phaseFirstDone = done;
    }
    lastPhase = phase;
    double fraction = total > 0 ? Math.min(1.0, (double) done / total) : -1;
    if (terminal) {
      long now = System.nanoTime();
      if (!newPhase && now - lastDraw < 100_000_000L && fraction < 1.0) {
        return;
      }
      lastDraw = now;
      err.print(
          "\r"
              + render(phase, done, total, fraction, megabytes)
              + detail
              + eta(done, total)
              + "   ");
      err.flush();
    } else {
      int decile = fraction < 0 ? 0 : (int) (fraction * 10);
      if (newPhase || decile != lastDecile) {
        lastDecile = decile;
        err.println(render(phase, done, total, fraction, megabytes) + detail + eta(done, total));
      }
    }
  }

  /** " eta 2m05s" from the pace since this phase began, once a few units are done. */
  private String eta(long done, long total) {
    long progressed = done - phaseFirstDone;
    if (megabytes || total <= 0 || progressed < 3 || done >= total) {
      return "";
    }
    double seconds = (System.nanoTime() - phaseStart) / 1e9 / progressed * (total - done);
    return " eta " + duration(seconds);
  }

  /** "45s", "2m05s", "1h12m". */
  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
  }

  /** Extra text after the bar, e.g. the current loss; does not count as a new phase. */
  void detail(String text) {
    detail = text;
  }

  /** Ends the bar's line. */
  synchronized void finish() {
    if (terminal && !lastPhase.isEmpty()) {
      err.println();
    }
  }

  static String render(String phase, long done, long total, double fraction, boolean megabytes) {
    if (!megabytes) {
      int filled = fraction < 0 ? 0 : (int) Math.round(fraction * WIDTH);
      return String.format(
          Locale.ROOT,
          "[%s%s] %d/%d %s",
          "#".repeat(filled),
          ".".repeat(WIDTH - filled),
          done,
          total,
          phase);
    }
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
