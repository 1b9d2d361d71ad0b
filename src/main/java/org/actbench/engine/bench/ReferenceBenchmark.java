package org.actbench.engine.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.actbench.data.Progress;
import org.actbench.engine.ActivationSpec;
import org.actbench.engine.Kernels;
import org.actbench.engine.Network;
import org.actbench.engine.NetworkSpec;
import org.actbench.engine.Profile;
import org.actbench.engine.Threads;
import org.actbench.engine.TrainingStep;
import org.actbench.engine.optim.Sgd;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training throughput on random data: the reference network ({@link NetworkSpec#reference}) by
 * default, the same work as {@code shared/bench/torch_peer.py}: batch 64, SGD lr 0.01, momentum
 * 0.9; or any other network spec.
 */
public final class ReferenceBenchmark {
  private ReferenceBenchmark() {}

  /**
   * @param kernels what ran the layers
   * @param stepMillis wall time of each timed step
   * @param layerMillis per layer, {forward, backward} ms per step (empty unless profiled)
   * @param flopsPerImage per layer, {forward, backward} useful FLOPs per image
   * @param residentMegabytes the process's resident size every {@code rssEvery} timed steps (empty
   *     unless asked for, or where /proc is not there)
   */
  public record Result(
      Kernels kernels,
      double imagesPerSecond,
      double[] stepMillis,
      Map<String, double[]> layerMillis,
      Map<String, double[]> flopsPerImage,
      List<Double> residentMegabytes) {
    public double medianStepMillis() {
      double[] s = stepMillis.clone();
      Arrays.sort(s);
      return s[s.length / 2];
    }
  }

  /**
   * Single-precision matrix multiply throughput, {@code Nd4j.gemm} into a preallocated result: the
   * ceiling the convolutions and dense layers work against. Median of {@code repeats}.
   *
   * @return GFLOP/s
   */
  public static double sgemmGflops(int size, int repeats, int threads) {
    Threads.set(threads);
    INDArray a = Nd4j.rand(DataType.FLOAT, size, size);
    INDArray b = Nd4j.rand(DataType.FLOAT, size, size);
    INDArray c = Nd4j.createUninitialized(DataType.FLOAT, size, size);
    double[] gflops = new double[repeats];
    for (int i = -2; i < repeats; i++) {
      long t0 = System.nanoTime();
      Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
      double s = (System.nanoTime() - t0) / 1e9;
      if (i >= 0) {
        gflops[i] = 2.0 * size * size * size / s / 1e9;
      }
    }
    Arrays.sort(gflops);
    return gflops[repeats / 2];
  }

  /**
   * The benchmarks' fixed batch: {images [N, 3, 32, 32] ~ N(0, 1) from seed 0, one-hot labels i mod
   * 10}.
   */
  public static INDArray[] randomBatch(int batch) {
    Nd4j.getRandom().setSeed(0);
    INDArray x = Nd4j.randn(DataType.FLOAT, batch, 3, 32, 32);
    INDArray y = Nd4j.zeros(DataType.FLOAT, batch, 10);
    for (int i = 0; i < batch; i++) {
      y.putScalar(i, i % 10, 1.0);
    }
    return new INDArray[] {x, y};
  }

  public static Result run(
      ActivationSpec activation,
      Kernels kernels,
      int batch,
      int warmup,
      int steps,
      int threads,
      boolean profile) {
    return run(
        NetworkSpec.reference(activation),
        kernels,
        batch,
        warmup,
        steps,
        threads,
        profile,
        0,
        Progress.NONE);
  }

  /**
   * @param rssEvery sample the resident size every so many timed steps (0: never)
   * @param progress told of the warm-up and the timed steps as they go
   */
  public static Result run(
      NetworkSpec spec,
      Kernels kernels,
      int batch,
      int warmup,
      int steps,
      int threads,
      boolean profile,
      int rssEvery,
      Progress progress) {
    if (batch < 1 || steps < 1 || warmup < 0 || rssEvery < 0) {
      throw new IllegalArgumentException(
          "bench needs --batch >= 1, --steps >= 1, --warmup >= 0 and --rss-every >= 0, got "
              + batch
              + ", "
              + steps
              + ", "
              + warmup
              + ", "
              + rssEvery);
    }
    Threads.set(threads);
    Network network = Network.build(spec, 0, kernels);
    TrainingStep step = new TrainingStep(network, new Sgd(0.9, false, 0));
    step.bound(batch).observe(false); // nothing reads the activations: training as it runs
    INDArray[] xy = randomBatch(batch);
    INDArray x = xy[0];
    INDArray y = xy[1];
    progress.update("warm-up", 0, warmup);
    for (int i = 0; i < warmup; i++) {
      step.train(x, y, 0.01, null);
      progress.update("warm-up", i + 1, warmup);
    }
    Profile timing = profile ? new Profile() : null;
    double[] millis = new double[steps];
    List<Double> resident = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < steps; i++) {
      long t0 = System.nanoTime();
      step.train(x, y, 0.01, timing);
      millis[i] = (System.nanoTime() - t0) / 1e6;
      if (rssEvery > 0 && (i + 1) % rssEvery == 0) {
        residentMegabytes().ifPresent(resident::add);
      }
      progress.update("timed steps", i + 1, steps);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(
        network.kernels(),
        (double) batch * steps / seconds,
        millis,
        timing == null ? Map.of() : timing.perStepMillis(),
        Profile.flopsPerImage(network),
        resident);
  }

  /** VmRSS from /proc/self/status, in MB; empty where there is no /proc. */
  static Optional<Double> residentMegabytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
