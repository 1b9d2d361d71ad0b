package org.actbench.ui.runs;

import java.util.function.LongConsumer;
import javafx.animation.AnimationTimer;

/**
 * The one door from the training threads to the FX thread: an AnimationTimer that, at most 5 times
 * a second, drains every row's inbox and then refreshes the Runs tab once if anything arrived or a
 * run is still going (progress is read fresh from the runs then: latest wins). No {@code
 * Platform.runLater} per batch. Why 5 and not more: rasterising the charts and the table costs the
 * render thread far more than draining records, and on a machine whose cores all train, redrawing
 * less is what keeps frames coming (docs/performance.md).
 */
public final class LiveDoor extends AnimationTimer {
  static final long PERIOD_NANOS = 200_000_000; // 5 Hz
  private final RunsViewModel runs;
  private long last;
  private boolean wasActive;
  private LongConsumer workRecorder = nanos -> {};

  /**
   * @param runs the tab whose rows it drains and refreshes (on the FX thread)
   */
  public LiveDoor(RunsViewModel runs) {
    this.runs = runs;
  }

  /** Gets the FX-thread time of every tick that did work (for the frame benchmark). */
  public void recordWork(LongConsumer recorder) {
    this.workRecorder = recorder;
  }

  @Override
  public void handle(long now) {
    if (now - last < PERIOD_NANOS) {
      return;
    }
    last = now;
    long start = System.nanoTime();
    boolean any = runs.drain();
    boolean active = runs.anyActive();
    // elapsed times and states move even between records; and once more after the last run ended,
    // which it does after its last records (a final checkpoint), so that its row says so
    if (any || active || wasActive) {
      runs.refresh();
      workRecorder.accept(System.nanoTime() - start);
    }
    wasActive = active;
  }
}
