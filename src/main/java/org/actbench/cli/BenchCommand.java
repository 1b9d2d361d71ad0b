package org.actbench.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.actbench.engine.ActivationSpec;
import org.actbench.engine.InvalidField;
import org.actbench.engine.NativeBackend;
import org.actbench.engine.NetworkSpec;
import org.actbench.engine.bench.EluKernelBenchmark;
import org.actbench.engine.bench.ReferenceBenchmark;
import org.actbench.experiment.TrainSpec;
import org.actbench.metrics.ProbeSettings;
import org.actbench.metrics.bench.CorrectionBenchmark;
import org.actbench.metrics.bench.InstrumentationBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code actbench bench}: training throughput of the reference network on random data. */
@Command(
    name = "bench",
    header = "Time training steps of the reference network on random data.",
    mixinStandardHelpOptions = true,
    description = {
      "Train the reference network (the one shared/bench/torch_peer.py trains), or a plain one, on",
      "random data after a warm-up; the last line is images_per_s=<float>."
    })
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ActivationOptions activation;

  @Mixin KernelsOption kernels;

  @Option(names = "--family", description = "reference or plain (default: ${DEFAULT-VALUE})")
  String family = "reference";

  @Option(names = "--depth", description = "conv layers, plain family (default: ${DEFAULT-VALUE})")
  int depth = 8;

  @Option(names = "--width", description = "base width, plain family (default: ${DEFAULT-VALUE})")
  int width = 16;

  @Option(names = "--bn", description = "batch normalisation in the plain family")
  boolean batchNorm;

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

  @Option(
      names = "--elu-kernels",
      description = "also time ELU kernels against ND4J's elu/elu_bp, alternating")
  boolean eluKernels;

  @Option(
      names = "--sgemm",
      description = "also measure Nd4j.gemm on 1024x1024 matrices, the ceiling")
  boolean sgemm;

  @Option(
      names = "--rss-every",
      description = "print the resident size every N timed steps (default: never)")
  int rssEvery;

  @Option(
      names = "--instrumentation",
      description =
          "also measure what unit-mean drift and the bias-shift probe cost, alternating ROUNDS rounds")
  Integer instrumentationRounds;

  @Option(
      names = "--probe",
      split = ",",
      description =
          "with --instrumentation: the probes to time, as IMAGESxROWS (probe batch, sampled rows"
              + " per layer), e.g. 32x4096,8x256 (default: the default probe, 32x4096)")
  List<String> probes = List.of();

  @Option(
      names = "--correction",
      description =
          "also time steps with the bias-shift correction (shared, unit) against plain ones,"
              + " alternating ROUNDS rounds of 5 steps")
  Integer correctionRounds;

  @Override
  public Integer call() {
    InvalidField.inRange(batch, 1, TrainSpec.MAX_BATCH, "batch");
    InvalidField.inRange(steps, 1, 1_000_000, "steps");
    InvalidField.inRange(warmup, 0, 1_000_000, "warmup");
    InvalidField.inRange(threads, 1, 1024, "threads");
    if (instrumentationRounds != null) {
      InvalidField.inRange(instrumentationRounds, 1, 1000, "instrumentationRounds");
    }
    if (correctionRounds != null) {
      InvalidField.inRange(correctionRounds, 1, 1000, "correctionRounds");
    }
    InvalidField.inRange(rssEvery, 0, 1_000_000, "rssEvery");
    List<ProbeSettings> timed = probeSettings();
    InvalidField.inRange(depth, 1, TrainSpec.MAX_DEPTH, "depth");
    InvalidField.inRange(width, 1, TrainSpec.MAX_PLAIN_WIDTH, "width");
    PrintWriter out = spec.commandLine().getOut();
    ActivationSpec act = activation.spec();
    NetworkSpec network;
    switch (family) {
      case "reference" -> network = NetworkSpec.reference(act);
      case "plain" -> network = NetworkSpec.plain(depth, width, List.of(act), batchNorm, 0);
      default ->
          throw new InvalidField("family", "must be reference or plain, got '" + family + "'");
    }
    ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), false);
    ReferenceBenchmark.Result r;
    try {
      r =
          ReferenceBenchmark.run(
              network,
              kernels.requested(),
              batch,
              warmup,
              steps,
              threads,
              profile,
              rssEvery,
              progress);
    } finally {
      progress.finish();
    }
    double flops = r.flopsPerImage().values().stream().mapToDouble(f -> f[0] + f[1]).sum();
    out.printf(
        Locale.ROOT,
        "%s net, %s, batch %d, %d threads, kernels %s, %s: median step %.1f ms, %.1f GFLOP/s"
            + " (%.1f MFLOP per image)%n",
        family,
        act.label(),
        batch,
        threads,
        r.kernels().id(),
        NativeBackend.describe(),
        r.medianStepMillis(),
        flops * r.imagesPerSecond() / 1e9,
        flops / 1e6);
    if (profile) {
      out.println("layer            forward_ms  backward_ms  GFLOP/s");
      double total = 0;
      for (Map.Entry<String, double[]> e : r.layerMillis().entrySet()) {
        double[] ms = e.getValue();
        double[] f = r.flopsPerImage().get(e.getKey());
        double gflops = (f[0] + f[1]) * batch / ((ms[0] + ms[1]) / 1e3) / 1e9;
        out.printf(
            Locale.ROOT,
            "%-16s %10.2f %12.2f %8s%n",
            e.getKey(),
            ms[0],
            ms[1],
            f[0] == 0 ? "-" : String.format(Locale.ROOT, "%.1f", gflops));
        total += ms[0] + ms[1];
      }
      out.printf(Locale.ROOT, "%-16s %23.2f%n", "layers total", total);
      out.println(
          "GFLOP/s count a direct convolution's multiply-adds; Winograd layers (oneDNN, 3x3"
              + " stride 1) do fewer, so theirs is the direct-equivalent rate");
    }
    if (!r.residentMegabytes().isEmpty()) {
      List<Double> rss = r.residentMegabytes();
      out.printf(
          Locale.ROOT,
          "resident MB every %d steps: %s%n",
          rssEvery,
          rss.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList());
      out.printf(
          Locale.ROOT,
          "resident MB first %.0f, last %.0f (%+.1f%%), min %.0f, max %.0f%n",
          rss.get(0),
          rss.get(rss.size() - 1),
          100 * (rss.get(rss.size() - 1) / rss.get(0) - 1),
          rss.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
          rss.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
    }
    if (eluKernels) {
      out.println("ELU kernels, median ms     nd4j_fwd  nd4j_bwd  ours_fwd  ours_bwd");
      double[] sum = new double[4];
      for (Map.Entry<String, double[]> e : EluKernelBenchmark.run(21, threads).entrySet()) {
        double[] v = e.getValue();
        out.printf(
            Locale.ROOT, "%-26s %8.2f %9.2f %9.2f %9.2f%n", e.getKey(), v[0], v[1], v[2], v[3]);
        for (int k = 0; k < 4; k++) {
          sum[k] += v[k];
        }
      }
      out.printf(
          Locale.ROOT, "%-26s %8.2f %9.2f %9.2f %9.2f%n", "total", sum[0], sum[1], sum[2], sum[3]);
    }
    if (sgemm) {
      double peak = ReferenceBenchmark.sgemmGflops(1024, 15, threads);
      double achieved = flops * r.imagesPerSecond() / 1e9;
      out.printf(
          Locale.ROOT,
          "sgemm 1024^3: %.1f GFLOP/s; training reaches %.0f%% of it (direct-equivalent FLOPs)%n",
          peak,
          100 * achieved / peak);
    }
    if (instrumentationRounds != null) {
      InstrumentationBenchmark.Result m =
          InstrumentationBenchmark.run(
              network, r.kernels(), batch, instrumentationRounds, 20, threads, timed);
      out.printf(
          Locale.ROOT,
          "instrumentation: step %.1f ms plain, %.1f ms with a row of unit means (%+.1f%%; the"
              + " row itself %.2f ms, %.1f%% of a plain step)%n",
          m.plainStepMillis(),
          m.rowStepMillis(),
          100 * m.rowOverhead(),
          m.rowMillis(),
          100 * m.rowMillis() / m.plainStepMillis());
      out.printf(
          Locale.ROOT,
          "histogram step (observed pass, dead and saturated shares, moments, histograms): %.1f ms,"
              + " %.2f plain steps over a plain one%n",
          m.histogramStepMillis(),
          m.histogramSteps());
      out.printf(
          Locale.ROOT,
          "bias-shift probe on the step's batch (%d rows per layer): %.1f ms each (%.2f plain"
              + " steps); every %d steps that is %.1f%% of training%n",
          ProbeSettings.defaults().maxRows(),
          m.stepProbeMillis(),
          m.stepProbeMillis() / m.plainStepMillis(),
          m.defaultK(),
          100 * m.stepProbeMillis() / m.defaultK() / m.plainStepMillis());
      for (int i = 0; i < timed.size(); i++) {
        out.printf(
            Locale.ROOT,
            "bias-shift probe %dx%d: %.0f ms each (%.1f plain steps); every %d steps that is %.1f%%"
                + " of training; K >= %d keeps it under 5%%%n",
            timed.get(i).size(),
            timed.get(i).maxRows(),
            m.probeMillis().get(i),
            m.probeMillis().get(i) / m.plainStepMillis(),
            m.defaultK(),
            100 * m.probeOverhead(i),
            m.smallestK(i, 0.05));
      }
    }
    if (correctionRounds != null) {
      CorrectionBenchmark.Result c =
          CorrectionBenchmark.run(network, r.kernels(), batch, correctionRounds, 5, threads);
      out.printf(
          Locale.ROOT,
          "bias-shift correction: step %.1f ms plain, %.1f ms shared (%+.1f%%), %.1f ms unit"
              + " (%+.1f%%)%n",
          c.plainMillis(),
          c.sharedMillis(),
          100 * (c.sharedMillis() / c.plainMillis() - 1),
          c.unitMillis(),
          100 * (c.unitMillis() / c.plainMillis() - 1));
    }
    out.printf(Locale.ROOT, "images_per_s=%.1f%n", r.imagesPerSecond());
    return 0;
  }

  /** --probe's IMAGESxROWS as probe-batch settings (the default probe's other fields). */
  private List<ProbeSettings> probeSettings() {
    ProbeSettings d =
        ProbeSettings.defaults()
            .withSource(ProbeSettings.PROBE)
            .withRows(ProbeSettings.defaultRows(ProbeSettings.PROBE));
    if (probes.isEmpty()) {
      return List.of(d);
    }
    List<ProbeSettings> out = new ArrayList<>();
    for (String p : probes) {
      String[] parts = p.trim().split("x", -1);
      try {
        if (parts.length == 2) {
          int size = Integer.parseInt(parts[0]);
          int rows = Integer.parseInt(parts[1]);
          out.add(
              new ProbeSettings(d.every(), size, d.fisher(), d.covariance(), d.damping(), rows));
          continue;
        }
      } catch (NumberFormatException e) {
        // said below
      }
      throw new InvalidField("probe", "must be IMAGESxROWS such as 8x256, got '" + p + "'");
    }
    return out;
  }
}
