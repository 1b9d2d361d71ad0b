package org.actbench.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.actbench.data.Cifar10;
import org.actbench.data.Progress;
import org.actbench.engine.Kernels;
import org.actbench.engine.train.RunResult;
import org.actbench.engine.train.StepRecord;
import org.actbench.engine.train.TrainingSink;
import org.apache.commons.csv.CSVPrinter;

/**
 * The paper's argument tested by intervention ({@link Preset#COUNTERFACTUAL}): ReLU, ReLU with the
 * bias-shift correction, and ELU, paired seeds, a plain CNN of depth 8. If ELU learns faster
 * because it causes less bias shift, taking the bias shift out of ReLU's updates should close the
 * gap in training loss. Writes every run's folder under {@code out}, {@code counterfactual.csv}
 * (every step's training loss per arm and seed) and {@code summary.txt}: the paired gaps with 95 %
 * t intervals, the verdict whatever it is, and the correction's cost per step.
 */
public final class Counterfactual {
  /** The three arms, in the order they run for each seed. */
  public static final List<String> ARMS = List.of("relu", "relu+correction", "elu");

  /** One run's outcome: its losses step by step and its training seconds. */
  public record Run(String arm, long seed, double[] losses, double seconds, String status) {
    /** Mean training loss over the last fifth of the steps (each is one batch's: noisy). */
    public double finalLoss() {
      int from = losses.length - Math.max(1, losses.length / 5);
      return mean(losses, from, losses.length);
    }

    /** Mean training loss over the whole run: lower means it fell faster. */
    public double meanLoss() {
      return mean(losses, 0, losses.length);
    }

    public double secondsPerStep() {
      return seconds / losses.length;
    }
  }

  /** Test images in each run's one evaluation. */
  static final int TEST_IMAGES = 1000;

  private final int seeds;
  private final int steps;
  private final String data;
  private final Kernels kernels;

  public Counterfactual(int seeds, int steps, String data, Kernels kernels) {
    this.seeds = seeds;
    this.steps = steps;
    this.data = data;
    this.kernels = kernels;
  }

  /**
   * Every run, seed-major (ReLU, ReLU + correction, ELU per seed). The question is about training
   * loss, so the test set is evaluated once, at the end.
   */
  public List<TrainSpec> specs() {
    return Preset.COUNTERFACTUAL.specs(data, seeds, steps).stream()
        .map(s -> s.toBuilder().kernels(kernels).evalEvery(steps).build())
        .toList();
  }

  static String arm(TrainSpec spec) {
    return spec.correctBiasShift() == CorrectionKind.OFF
        ? spec.activation().id()
        : spec.activation().id() + "+correction";
  }

  /** Runs everything in order; a stopped experiment keeps the runs it finished. */
  public List<Run> run(
      Cifar10 dataset, Path cacheDir, Path out, RunsListener listener, BooleanSupplier cancelled)
      throws IOException {
    Files.createDirectories(out);
    List<Run> runs = new ArrayList<>();
    List<TrainSpec> specs = specs();
    // The question is about training loss; the one evaluation at the end of each run reads only
    // the first TEST_IMAGES test images (the whole set costs ~50 steps' time per run).
    int kept = Math.min(TEST_IMAGES, dataset.test().size());
    Cifar10 data =
        new Cifar10(
            dataset.train(),
            dataset.test().select(java.util.stream.IntStream.range(0, kept).toArray()),
            dataset.classNames(),
            dataset.origin());
    for (int i = 0; i < specs.size(); i++) {
      TrainSpec spec = specs.get(i);
      listener.runStarted(i + 1, specs.size(), spec);
      Runner runner = new Runner(spec, data, cacheDir, Progress.NONE);
      RunFolder folder = RunFolder.create(out, runner.spec());
      double[] losses = new double[spec.steps()];
      double[] seconds = {0};
      TrainingSink collect =
          event -> {
            if (event instanceof StepRecord s) {
              losses[(int) s.step() - 1] = s.trainLoss();
              seconds[0] = s.seconds();
              listener.step(s.step(), spec.steps(), s.trainLoss());
            }
          };
      RunResult result = folder.train(runner, collect, cancelled);
      if (result.status() == RunResult.Status.CANCELLED) {
        return runs;
      }
      double[] done = java.util.Arrays.copyOf(losses, (int) result.steps());
      runs.add(new Run(arm(spec), spec.seed(), done, seconds[0], result.status().id()));
    }
    return runs;
  }

  public static void writeCsv(Path file, List<Run> runs) throws IOException {
    try (CSVPrinter w = new CSVPrinter(Files.newBufferedWriter(file), CsvRecords.FORMAT)) {
      w.printRecord("arm", "seed", "step", "train_loss");
      for (Run r : runs) {
        for (int i = 0; i < r.losses().length; i++) {
          w.printRecord(r.arm(), r.seed(), i + 1, MetricsCsv.fmt(r.losses()[i]));
        }
      }
    }
  }

  /** A paired difference's mean and 95 % t half-width over seeds. */
  public record Interval(double mean, double halfWidth, int n) {
    static Interval of(List<Double> values) {
      int n = values.size();
      double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
      double ss = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
      double half = n < 2 ? Double.NaN : Compare.t975(n - 1) * Math.sqrt(ss / (n - 1) / n);
      return new Interval(mean, half, n);
    }

    boolean above0() {
      return mean - halfWidth > 0;
    }

    boolean below0() {
      return mean + halfWidth < 0;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%+.4f [%+.4f, %+.4f] (n = %d)",
          mean,
          mean - halfWidth,
          mean + halfWidth,
          n);
    }
  }

  /** seed → arm → run, for the seeds that have all three arms finished. */
  static Map<Long, Map<String, Run>> paired(List<Run> runs) {
    Map<Long, Map<String, Run>> bySeed = new LinkedHashMap<>();
    for (Run r : runs) {
      bySeed.computeIfAbsent(r.seed(), s -> new LinkedHashMap<>()).put(r.arm(), r);
    }
    bySeed.values().removeIf(m -> !m.keySet().containsAll(ARMS));
    bySeed
        .values()
        .removeIf(m -> m.values().stream().anyMatch(r -> !r.status().equals("finished")));
    return bySeed;
  }

  /** The verdict, the gaps with their intervals, and the cost per step. */
  public String summaryText(List<Run> runs, String dataTitle) {
    Map<Long, Map<String, Run>> pairs = paired(runs);
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "Counterfactual: ReLU, ReLU + bias-shift correction (shared means), ELU; plain CNN of 8 conv"
                + " layers, width 16, SGD lr 0.01 (no momentum), batch 64, He init, %d steps, %s (%s);"
                + " test accuracy (in the runs' files) on the first %d test images only."
                + "%nPaired seeds with all three arms finished: %d of %d.%n%n",
            steps,
            dataTitle,
            data,
            TEST_IMAGES,
            pairs.size(),
            seeds));
    b.append("arm               runs  final train loss (last 20%)  mean train loss  s/step\n");
    for (String arm : ARMS) {
      List<Run> of = runs.stream().filter(r -> r.arm().equals(arm)).toList();
      b.append(
          String.format(
              Locale.ROOT,
              "%-16s  %4d  %27.4f  %15.4f  %6.3f%n",
              arm,
              of.size(),
              of.stream().mapToDouble(Run::finalLoss).average().orElse(Double.NaN),
              of.stream().mapToDouble(Run::meanLoss).average().orElse(Double.NaN),
              of.stream().mapToDouble(Run::secondsPerStep).average().orElse(Double.NaN)));
    }
    for (boolean fin : new boolean[] {true, false}) {
      String what = fin ? "final train loss (last 20% of steps)" : "mean train loss over the run";
      Interval plain = gap(pairs, "relu", "elu", fin);
      Interval corrected = gap(pairs, "relu+correction", "elu", fin);
      Interval closed = gap(pairs, "relu", "relu+correction", fin);
      b.append(String.format(Locale.ROOT, "%nPaired differences in %s, 95%% t intervals:%n", what));
      b.append("  ReLU - ELU (the gap):                " + plain + "\n");
      b.append("  ReLU+correction - ELU (gap left):    " + corrected + "\n");
      b.append("  ReLU - ReLU+correction (gap closed): " + closed + "\n");
      b.append("  Verdict: " + verdict(plain, corrected, closed) + "\n");
    }
    Interval cost = ratio(pairs, "relu+correction", "relu");
    b.append(
        String.format(
            Locale.ROOT,
            "%nCost: a corrected step takes %.3fx a plain ReLU step's time (paired by seed, %s; training"
                + " seconds incl. the measurements both arms make; a shared, noisy machine).%n",
            cost.mean(),
            cost.halfWidth() >= 0 ? "95% interval " + cost : "one seed"));
    return b.toString();
  }

  static String verdict(Interval plain, Interval corrected, Interval closed) {
    if (plain.n() < 2) {
      return "too few paired seeds for an interval.";
    }
    if (!plain.above0()) {
      return "ELU is not significantly ahead of ReLU here, so there is no gap to close.";
    }
    if (closed.below0()) {
      return "no: the correction makes ReLU worse (the gap widens).";
    }
    if (!closed.above0()) {
      return "no: the correction does not measurably narrow the gap (its effect's interval holds 0).";
    }
    return corrected.above0()
        ? "partly: the correction narrows the gap, but ReLU + correction stays behind ELU."
        : "yes: with the correction ReLU is no longer measurably behind ELU.";
  }

  private static Interval gap(Map<Long, Map<String, Run>> pairs, String a, String b, boolean fin) {
    List<Double> d = new ArrayList<>();
    for (Map<String, Run> m : pairs.values()) {
      d.add(
          fin
              ? m.get(a).finalLoss() - m.get(b).finalLoss()
              : m.get(a).meanLoss() - m.get(b).meanLoss());
    }
    return Interval.of(d);
  }

  private static Interval ratio(Map<Long, Map<String, Run>> pairs, String a, String b) {
    List<Double> d = new ArrayList<>();
    for (Map<String, Run> m : pairs.values()) {
      d.add(m.get(a).secondsPerStep() / m.get(b).secondsPerStep());
    }
    return Interval.of(d);
  }

  private static double mean(double[] v, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += v[i];
    }
    return to > from ? sum / (to - from) : Double.NaN;
  }
}
