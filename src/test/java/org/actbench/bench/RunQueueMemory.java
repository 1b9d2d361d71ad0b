package org.actbench.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.actbench.data.Cifar10;
import org.actbench.data.Cifar10Reader;
import org.actbench.data.DatasetLocator;
import org.actbench.engine.ActivationSpec;
import org.actbench.engine.NativeBackend;
import org.actbench.engine.train.TrainingSink;
import org.actbench.experiment.RunQueue;
import org.actbench.experiment.TrainSpec;

/**
 * The window's memory over many runs: its run queue (two at a time, background priority, one
 * dataset read for all), N small runs on the real CIFAR-10, resident size after each run ends.
 *
 * <p>Run with the window's JVM options: {@code java -XX:MaxGCPauseMillis=10 -cp <test class path>
 * org.actbench.bench.RunQueueMemory 20}; {@code ACTBENCH_CIFAR10} names the archive.
 */
public final class RunQueueMemory {
  private RunQueueMemory() {}

  public static void main(String[] args) throws Exception {
    NativeBackend.select();
    int runs = Integer.parseInt(args[0]);
    Path store = Files.createTempDirectory("memory-store");
    DatasetLocator locator = DatasetLocator.system();
    Map<String, Cifar10> loaded = new ConcurrentHashMap<>();
    Function<String, Cifar10> datasets =
        d ->
            loaded.computeIfAbsent(
                d, x -> Cifar10Reader.read(locator.require(x.equals("default") ? null : x)));
    long t0 = System.nanoTime();
    try (RunQueue queue = new RunQueue(store, locator.cacheRoot(), datasets, 2, true)) {
      System.out.printf(Locale.ROOT, "start: rss %d MB%n", rssMb());
      for (int i = 0; i < runs; i++) {
        String act = List.of("elu", "relu", "selu", "lrelu").get(i % 4);
        TrainSpec spec =
            TrainSpec.builder()
                .activation(ActivationSpec.of(act))
                .depth(4)
                .width(16)
                .batchNorm(i % 2 == 0)
                .steps(30)
                .evalEvery(30)
                .seed(i + 1)
                .build();
        queue.submit(spec, List.of(), TrainingSink.NONE);
      }
      int reported = 0;
      while (reported < runs) {
        long done = queue.runs().stream().filter(r -> r.state().isDone()).count();
        while (reported < done) {
          reported++;
          System.out.printf(
              Locale.ROOT,
              "after %2d runs: rss %5d MB, heap used %4d MB of %4d MB" + " committed, %.0f s%n",
              reported,
              rssMb(),
              heapUsedMb(),
              heapCommittedMb(),
              (System.nanoTime() - t0) / 1e9);
        }
        Thread.sleep(200);
      }
      queue.runs().stream()
          .filter(r -> !r.state().name().equals("FINISHED"))
          .forEach(r -> System.out.println("not finished: " + r.state() + " " + r.message()));
    }
    System.out.printf(Locale.ROOT, "end: rss %d MB%n", rssMb());
  }

  static long rssMb() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
      }
    }
    return -1;
  }

  static long heapUsedMb() {
    Runtime r = Runtime.getRuntime();
    return (r.totalMemory() - r.freeMemory()) >> 20;
  }

  static long heapCommittedMb() {
    return Runtime.getRuntime().totalMemory() >> 20;
  }
}
