package org.actbench.engine.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One flat fan-out however sinks are composed: each consumer sees each event once, in order. */
class TrainingSinkTest {
  @Test
  void nestedFanOutsAreTakenApartAndKeepTheirOrder() {
    List<String> seen = new ArrayList<>();
    TrainingSink files = e -> seen.add("files");
    TrainingSink counter = e -> seen.add("counter");
    TrainingSink window = e -> seen.add("window");
    TrainingSink checkpoints = e -> seen.add("checkpoints");
    TrainingSink inner = TrainingSink.all(counter, window);
    TrainingSink outer = TrainingSink.all(files, inner, TrainingSink.NONE, checkpoints);

    outer.accept(new StepEnd(1));

    assertThat(seen).containsExactly("files", "counter", "window", "checkpoints");
    assertThat(outer).isInstanceOf(TrainingSink.FanOut.class);
    assertThat(TrainingSink.all(window, TrainingSink.NONE)).isSameAs(window); // no wrapper for one
  }
}
