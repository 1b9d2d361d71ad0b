package org.actbench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.actbench.data.ArchiveSource;
import org.actbench.data.Cifar10;
import org.actbench.data.Cifar10Reader;
import org.actbench.data.Progress;
import org.actbench.engine.train.RunResult;
import org.actbench.experiment.InitChoice;
import org.actbench.experiment.NetworkFamily;
import org.actbench.experiment.Runner;
import org.actbench.experiment.TrainSpec;
import org.actbench.testing.RealData;
import org.junit.jupiter.api.Test;

/** The engine learns the real CIFAR-10: two epochs of the reference net pass 50% test accuracy. */
class RealCifar10TrainingTest {

  @Test
  void referenceNetReachesHalfTheTestSetAfterTwoEpochs() {
    Threads.set(
        Runtime.getRuntime()
            .availableProcessors()); // a run queue in an earlier test may have lowered it
    Cifar10 cifar = Cifar10Reader.read(new ArchiveSource(RealData.archive()));
    int steps = 2 * 50_000 / 64; // 1562 minibatches of 64
    TrainSpec spec =
        TrainSpec.builder()
            .family(NetworkFamily.REFERENCE)
            .activation("elu")
            .depth(0)
            .width(0)
            .init(InitChoice.LECUN)
            .momentum(0.9)
            .steps(steps)
            .evalEvery(steps)
            .data("cifar")
            .build();
    TrainingTest.Recorder rec = new TrainingTest.Recorder();
    RunResult result = new Runner(spec, cifar, null, Progress.NONE).runUnmeasured(rec, () -> false);
    assertThat(result.status()).isEqualTo(RunResult.Status.FINISHED);
    assertThat(result.testAcc()).isGreaterThan(0.5);
  }
}
