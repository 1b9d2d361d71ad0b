package org.actbench.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.actbench.data.Cifar10;
import org.actbench.data.Cifar10Reader;
import org.actbench.data.SampleSource;
import org.actbench.engine.train.TrainingSink;
import org.actbench.testing.TinySpecs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue's controls as the window's table shows them: what a stop and a pause do to a run's
 * clock.
 */
class RunQueueTest {
  @TempDir Path store;
  private static final Cifar10 SAMPLE = Cifar10Reader.read(new SampleSource());

  static TrainSpec tiny(long seed) {
    return TinySpecs.of("elu", 2, seed, 1_000_000, 1_000_000, null);
  }

  static void waitUntil(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void aRunStoppedWhileQueuedIsCancelledAtOnceAndNeverStarts() throws Exception {
    try (RunQueue queue = new RunQueue(store, null, d -> SAMPLE, 1, false)) {
      RunQueue.Run first = queue.submit(tiny(1), List.of(), TrainingSink.NONE);
      RunQueue.Run second = queue.submit(tiny(2), List.of(), TrainingSink.NONE);
      waitUntil("the first run to train", () -> first.step() > 0);
      assertThat(second.state()).isEqualTo(RunQueue.State.QUEUED);
      second.stop();
      assertThat(second.state())
          .isEqualTo(RunQueue.State.CANCELLED); // at once, not when its turn comes
      first.stop();
      waitUntil("the first run to end", () -> first.state().isDone());
      Thread.sleep(200); // the second's turn: it must not start
      assertThat(second.state()).isEqualTo(RunQueue.State.CANCELLED);
      assertThat(second.folder()).isNull();
      assertThat(second.elapsedSeconds()).isZero();
    }
  }

  @Test
  void elapsedTimeStandsStillWhilePausedAndStepping() throws Exception {
    try (RunQueue queue = new RunQueue(store, null, d -> SAMPLE, 1, false)) {
      RunQueue.Run run = queue.submit(tiny(1), List.of(), TrainingSink.NONE);
      waitUntil("steps", () -> run.step() > 3);
      run.pause();
      waitUntil("the pause", () -> run.state() == RunQueue.State.PAUSED);
      double pausedAt = run.elapsedSeconds();
      double eta = run.etaSeconds();
      Thread.sleep(600);
      assertThat(run.elapsedSeconds())
          .isCloseTo(pausedAt, org.assertj.core.data.Offset.offset(0.05));
      assertThat(run.etaSeconds())
          .isCloseTo(eta, org.assertj.core.data.Offset.offset(0.05 * eta + 0.05));
      long step = run.step();
      run.stepOnce();
      waitUntil("one more step", () -> run.step() == step + 1);
      waitUntil("paused again", () -> run.state() == RunQueue.State.PAUSED);
      double afterStep = run.elapsedSeconds();
      Thread.sleep(400);
      assertThat(run.elapsedSeconds())
          .isCloseTo(afterStep, org.assertj.core.data.Offset.offset(0.05));
      run.resume();
      Thread.sleep(800);
      assertThat(run.elapsedSeconds()).isGreaterThan(afterStep + 0.2); // the clock runs again
      run.stop();
    }
  }
}
