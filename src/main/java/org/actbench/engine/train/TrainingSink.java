package org.actbench.engine.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a run's {@link TrainingEvent}s go, called on the training thread in the order {@link
 * TrainingEvent} gives. Knows nothing of JavaFX: files append and flush, the window's rows put the
 * events into their inbox for the one door to the FX thread.
 */
@FunctionalInterface
public interface TrainingSink {
  /** Receives nothing. */
  TrainingSink NONE = event -> {};

  void accept(TrainingEvent event);

  /**
   * One sink that hands each event to every one of {@code sinks} in order. Sinks that are such a
   * fan-out themselves are taken apart, so however callers compose them an event passes through one
   * loop to the consumers.
   */
  static TrainingSink all(TrainingSink... sinks) {
    List<TrainingSink> flat = new ArrayList<>();
    for (TrainingSink s : sinks) {
      if (s instanceof FanOut f) {
        flat.addAll(List.of(f.sinks));
      } else if (s != NONE) {
        flat.add(s);
      }
    }
    return flat.size() == 1 ? flat.get(0) : new FanOut(flat.toArray(TrainingSink[]::new));
  }

  /** See {@link #all}: an array, so that handing an event on allocates nothing. */
  final class FanOut implements TrainingSink {
    private final TrainingSink[] sinks;

    private FanOut(TrainingSink[] sinks) {
      this.sinks = sinks;
    }

    @Override
    public void accept(TrainingEvent event) {
      for (TrainingSink s : sinks) {
        s.accept(event);
      }
    }
  }
}
