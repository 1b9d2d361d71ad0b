package org.actbench.ui.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.actbench.experiment.Preset;
import org.actbench.experiment.RunTime;
import org.junit.jupiter.api.Test;

/** What the preset dialog says before anything is queued: runs, duration, differences. */
class PresetPlanTest {
  @Test
  void saysWhatWillRunHowLongItTakesAndHowItDiffersFromThePaper() {
    PresetPlan plan = new PresetPlan(Preset.FIGURE2, "sample", 3, 2);
    assertThat(plan.specs()).hasSize(12);
    assertThat(plan.summary())
        .isEqualTo(
            "12 runs: elu, relu, lrelu, srelu; depth 8; seeds 1..3; 500 steps of batch 64 each; 2"
                + " at once.");
    assertThat(plan.runs().lines()).hasSize(12).contains("elu-d8-w16-s1", "srelu-d8-w16-s3");
    assertThat(plan.differences()).contains("The paper:").doesNotEndWith("…");
    // one timing per kind of run: the four activations at depth 8 (seeds time alike)
    assertThat(plan.kinds())
        .extracting(s -> s.activation().id())
        .containsExactly("elu", "relu", "lrelu", "srelu");
    // 0.1 s a step, 1 ms per test image: 500 steps + 5 evaluations of 1,000 images = 55 s a run;
    // 12 runs 2 at once: 6 rounds of 55 s = 5.5 min
    List<RunTime> times =
        List.of(
            new RunTime(0.1, 1e-3),
            new RunTime(0.1, 1e-3),
            new RunTime(0.1, 1e-3),
            new RunTime(0.1, 1e-3));
    assertThat(plan.duration(times, 1000))
        .startsWith(
            "About 6 min on this machine: a step takes 100 ms and an"
                + " evaluation of the 1,000 test images 1.0 s");
  }

  @Test
  void theQueueFinishesWhenItsLastRunDoes() {
    assertThat(RunTime.queued(List.of(10.0, 10.0, 10.0), 2)).isEqualTo(20.0);
    assertThat(RunTime.queued(List.of(30.0, 10.0, 10.0, 10.0), 2)).isEqualTo(30.0);
    assertThat(RunTime.queued(List.of(5.0), 4)).isEqualTo(5.0);
  }

  @Test
  void durationsInWords() {
    assertThat(Durations.roughly(40)).isEqualTo("40 s");
    assertThat(Durations.roughly(330)).isEqualTo("6 min");
    assertThat(Durations.roughly(7500)).isEqualTo("2 h 5 min");
  }
}
