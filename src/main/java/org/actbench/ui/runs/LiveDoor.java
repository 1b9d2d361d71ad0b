package org.actbench.ui.runs;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.animation.AnimationTimer;

/**
 * The one door from the training threads to the FX thread: an AnimationTimer that, at most 25
 * times a second, drains every run's inbox and then calls {@code refresh} once if anything arrived
 * (progress is read fresh from the runs then: latest wins). No {@code Platform.runLater} per batch.
 */
public final class LiveDoor extends AnimationTimer {
  static final long PERIOD_NANOS = 40_000_000; // 25 Hz
  private final List<LiveRun> runs = new CopyOnWriteArrayList<>();
  private final Runnable refresh;
  private long last;
  private java.util.function.LongConsumer workRecorder = nanos -> {};

  public LiveDoor(Runnable refresh) {
    this.refresh = refresh;
  }

  public void add(LiveRun run) {
    runs.add(run);
  }

  public List<LiveRun> runs() {
    return runs;
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
    if (any || runs.stream().anyMatch(r -> r.run() != null && !r.run().state().isDone())) {
      refresh.run(); // elapsed times and states move even between records
      workRecorder.accept(System.nanoTime() - start);
    }
  }
}
