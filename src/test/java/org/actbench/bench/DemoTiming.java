package org.actbench.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.actbench.data.Cifar10;
import org.actbench.data.Cifar10Reader;
import org.actbench.data.DatasetLocator;
import org.actbench.engine.NativeBackend;
import org.actbench.engine.train.DriftRecord;
import org.actbench.engine.train.StepRecord;
import org.actbench.engine.train.TrainingSink;
import org.actbench.experiment.DemoGap;
import org.actbench.experiment.Preset;
import org.actbench.experiment.RunQueue;
import org.actbench.experiment.TrainSpec;

/**
 * The one-minute demo's time to a visible gap ({@link DemoGap}): what the window does when its
 * button is pressed with no dataset read yet: read the data, queue ELU and ReLU (two at once, at
 * this JVM's priority rather than the window's background one), and wait for the gap in their
 * logged network-wide median unit means. Prints one line per round and the median; also each run's
 * latest training loss then.
 *
 * <p>{@code java -cp <test class path> org.actbench.bench.DemoTiming DATA ROUNDS} (DATA: {@code
 * sample} or a CIFAR-10 archive).
 */
public final class DemoTiming {
  private DemoTiming() {}

  public static void main(String[] args) throws Exception {
    NativeBackend.select();
    String data = args[0];
    int rounds = Integer.parseInt(args[1]);
    DatasetLocator locator = DatasetLocator.system();
    double[] times = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      Path store = Files.createTempDirectory("demo-timing");
      long t0 = System.nanoTime();
      Cifar10 set = Cifar10Reader.read(locator.require(data)); // cold, as at the button
      double readS = (System.nanoTime() - t0) / 1e9;
      DemoGap gap = new DemoGap();
      CountDownLatch visible = new CountDownLatch(1);
      double[] loss = {Double.NaN, Double.NaN};
      long[] steps = {0, 0};
      // normal priority within this JVM's nice: at background priority (the window's) the runs wait
      // for an idle core, and on a shared machine there may be none
      try (RunQueue queue = new RunQueue(store, locator.cacheRoot(), d -> set, 2, false)) {
        List<TrainSpec> specs = Preset.DEMO.specs(data, 1, Preset.DEMO.defaultSteps());
        for (TrainSpec spec : specs) {
          boolean elu = spec.activation().id().equals("elu");
          int k = elu ? 0 : 1;
          TrainingSink sink =
              event -> {
                if (event instanceof StepRecord s) {
                  loss[k] = s.trainLoss();
                  steps[k] = s.step();
                } else if (event instanceof DriftRecord d && d.logged()) {
                  synchronized (gap) {
                    if (gap.add(elu, d.step(), d.networkMedian())) {
                      visible.countDown();
                    }
                  }
                }
              };
          queue.submit(spec, List.of(Preset.DEMO.tag()), sink);
        }
        boolean seen = visible.await(300, TimeUnit.SECONDS);
        times[round] = seen ? (System.nanoTime() - t0) / 1e9 : Double.NaN;
        System.out.printf(
            Locale.ROOT,
            "round %d: data read %.1f s, gap visible at step %d after %.1f s;"
                + " steps then ELU %d ReLU %d, train loss ELU %.3f ReLU %.3f%n",
            round + 1,
            readS,
            gap.visibleAt(),
            times[round],
            steps[0],
            steps[1],
            loss[0],
            loss[1]);
        queue.stopAll(10);
      }
    }
    double[] sorted = times.clone();
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "median %.1f s over %d rounds%n", sorted[rounds / 2], rounds);
  }
}
