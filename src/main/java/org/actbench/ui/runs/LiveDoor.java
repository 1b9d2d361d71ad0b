package org.actbench.ui.runs;

import java.util.List;
import javafx.animation.AnimationTimer;

/**
 * The one door from the training threads to the FX thread: an AnimationTimer that, at most 5
 * times a second, drains every run's inbox and then calls {@code refresh} once if anything arrived
 * or a run is still going (progress is read fresh from the runs then: latest wins). No
 * {@code Platform.runLater} per batch. Why 5 and not more: rasterising the charts and the table
 * costs the render thread far more than draining records, and on a machine whose cores all train,
 * redrawing less is what keeps frames coming (docs/performance.md).
 */
public final class LiveDoor extends AnimationTimer {
  static final long PERIOD_NANOS = 200_000_000; // 5 Hz
  private final List<LiveRun> runs;
  private final Runnable refresh;
  private long last;
  private boolean wasActive;
  private java.util.function.LongConsumer workRecorder = nanos -> {};

  /** @param runs the runs to drain, as the window lists them (read on the FX thread) */
  public LiveDoor(List<LiveRun> runs, Runnable refresh) {
    this.runs = runs;
    this.refresh = refresh;
  }

  /** Gets the FX-thread time of every tick that did work (for the frame benchmark). */
  public void recordWork(java.util.function.LongConsumer recorder) {
    this.workRecorder = recorder;
  }

  @Override
  public void handle(long now) {
    if (now - last < PERIOD_NANOS) {
      return;
    }
    last = now;
    long start = System.nanoTime();
    boolean any = false;
    for (LiveRun r : runs) {
      any |= r.drain();
    }
    boolean active = runs.stream().anyMatch(r -> r.run() != null && !r.run().state().isDone());
    // elapsed times and states move even between records; and once more after the last run ended,
    // which it does after its last records (a final checkpoint), so that its row says so
    if (any || active || wasActive) {
      refresh.run();
      workRecorder.accept(System.nanoTime() - start);
    }
    wasActive = active;
  }
}
