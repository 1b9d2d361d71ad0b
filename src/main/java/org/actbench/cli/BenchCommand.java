package org.actbench.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.actbench.engine.ActivationSpec;
import org.actbench.engine.NativeBackend;
import org.actbench.engine.EluKernelBenchmark;
import org.actbench.engine.ReferenceBenchmark;
import org.actbench.metrics.InstrumentationBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code actbench bench}: training throughput of the reference network on random data. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Train the reference network (the one shared/bench/torch_peer.py trains) on random data",
      "after a warm-up; the last line is images_per_s=<float>."
    })
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ActivationOptions activation;

  @Mixin KernelsOption kernels;

  @Option(names = "--batch", description = "batch size (default: ${DEFAULT-VALUE})")
  int batch = 64;

  @Option(names = "--steps", description = "timed steps (default: ${DEFAULT-VALUE})")
  int steps = 50;

  @Option(names = "--warmup", description = "untimed steps first (default: ${DEFAULT-VALUE})")
  int warmup = 5;

  @Option(names = "--threads", description = "native threads (default: ${DEFAULT-VALUE})")
  int threads = 2;

  @Option(names = "--profile", description = "also print forward and backward time per layer")
  boolean profile;

  @Option(names = "--elu-kernels", description = "also time ELU kernels against ND4J's elu/elu_bp, alternating")
  boolean eluKernels;

  @Option(names = "--sgemm", description = "also measure Nd4j.gemm on 1024x1024 matrices, the ceiling")
  boolean sgemm;

  @Option(
      names = "--instrumentation",
      description = "also measure what unit-mean drift and the bias-shift probe cost, alternating ROUNDS rounds")
  Integer instrumentationRounds;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ActivationSpec act = activation.spec();
    ReferenceBenchmark.Result r =
        ReferenceBenchmark.run(act, kernels.requested(), batch, warmup, steps, threads, profile);
    out.printf(
        Locale.ROOT,
        "reference net, %s, batch %d, %d threads, kernels %s, %s: median step %.1f ms,"
            + " %.1f GFLOP/s%n",
        act.label(),
        batch,
        threads,
        r.kernels().id(),
        NativeBackend.describe(),
        r.medianStepMillis(),
        ReferenceBenchmark.FLOP_PER_IMAGE * r.imagesPerSecond() / 1e9);
    if (profile) {
      out.println("layer            forward_ms  backward_ms");
      double total = 0;
      for (Map.Entry<String, double[]> e : r.layerMillis().entrySet()) {
        out.printf(Locale.ROOT, "%-16s %10.2f %12.2f%n", e.getKey(), e.getValue()[0], e.getValue()[1]);
        total += e.getValue()[0] + e.getValue()[1];
      }
      out.printf(Locale.ROOT, "%-16s %23.2f%n", "layers total", total);
    }
    if (eluKernels) {
      out.println("ELU kernels, median ms     nd4j_fwd  nd4j_bwd  ours_fwd  ours_bwd");
      double[] sum = new double[4];
      for (Map.Entry<String, double[]> e : EluKernelBenchmark.run(21, threads).entrySet()) {
        double[] v = e.getValue();
        out.printf(Locale.ROOT, "%-26s %8.2f %9.2f %9.2f %9.2f%n", e.getKey(), v[0], v[1], v[2], v[3]);
        for (int k = 0; k < 4; k++) {
          sum[k] += v[k];
        }
      }
      out.printf(Locale.ROOT, "%-26s %8.2f %9.2f %9.2f %9.2f%n", "total", sum[0], sum[1], sum[2], sum[3]);
    }
    if (sgemm) {
      double peak = ReferenceBenchmark.sgemmGflops(1024, 15, threads);
      double achieved = ReferenceBenchmark.FLOP_PER_IMAGE * r.imagesPerSecond() / 1e9;
      out.printf(
          Locale.ROOT,
          "sgemm 1024^3: %.1f GFLOP/s; training reaches %.0f%% of it%n",
          peak,
          100 * achieved / peak);
    }
    if (instrumentationRounds != null) {
      InstrumentationBenchmark.Result m =
          InstrumentationBenchmark.run(
              act, r.kernels(), batch, instrumentationRounds, 20, threads);
      out.printf(
          Locale.ROOT,
          "instrumentation: step %.1f ms plain, %.1f ms with unit-mean drift (%+.1f%%; the"
              + " measurement itself %.2f ms)%n",
          m.plainStepMillis(), m.measuredStepMillis(), 100 * m.driftOverhead(), m.driftMillis());
      out.printf(
          Locale.ROOT,
          "bias-shift probe: %.0f ms each; every %d steps that is %.1f%% of training; K >= %d keeps"
              + " it under 5%%%n",
          m.probeMillis(), m.defaultK(), 100 * m.probeOverhead(), m.smallestK(0.05));
    }
    out.printf(Locale.ROOT, "images_per_s=%.1f%n", r.imagesPerSecond());
    return 0;
  }
}
