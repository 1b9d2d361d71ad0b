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
import org.actbench.engine.ActivationSpec;
import org.actbench.engine.Kernels;
import org.actbench.engine.train.DriftRecord;
import org.actbench.engine.train.RunResult;
import org.actbench.engine.train.StepRecord;
import org.actbench.engine.train.TrainingSink;
import org.actbench.metrics.MetricsSettings;
import org.apache.commons.csv.CSVPrinter;

/**
 * The paper's Figure 2 experiment at this machine's scale: a plain CNN of the given depth trained
 * with each activation and seed (paired: the same seed gives every activation the same initial
 * weights and batches), SGD lr 0.01 without momentum, batch 64, He init, no BN or dropout. Writes
 * every run's folder under {@code out/runs/}, {@code depth-means.csv} (network-wide median unit
 * mean and training loss at every logged step, per activation and seed) and {@code summary.txt}.
 */
public final class DepthMeans {
  /** One logged point of one run. */
  public record Point(
      String activation, long seed, long step, double trainLoss, double networkMedian) {}

  private final List<ActivationSpec> activations;
  private final int depth;
  private final int width;
  private final int seeds;
  private final int steps;
  private final String data;
  private final Kernels kernels;

  public DepthMeans(
      List<ActivationSpec> activations,
      int depth,
      int width,
      int seeds,
      int steps,
      String data,
      Kernels kernels) {
    if (activations.isEmpty()) {
      throw new IllegalArgumentException("give at least one activation");
    }
    if (seeds < 1) {
      throw new IllegalArgumentException("seeds must be >= 1, got " + seeds);
    }
    this.activations = List.copyOf(activations);
    this.depth = depth;
    this.width = width;
    this.seeds = seeds;
    this.steps = steps;
    this.data = data;
    this.kernels = kernels;
  }

  /** The spec of one run: the Figure 2 protocol with this activation and seed. */
  public TrainSpec spec(ActivationSpec activation, long seed) {
    MetricsSettings defaults = MetricsSettings.defaults();
    return TrainSpec.builder()
        .activation(activation)
        .depth(depth)
        .width(width)
        .steps(steps)
        .evalEvery(steps)
        .seed(seed)
        .data(data)
        .metrics(new MetricsSettings(10, 0, defaults.bins(), defaults.probe()))
        .kernels(kernels)
        .build();
  }

  /** Runs everything in order (seed-major, so a stopped experiment still has paired runs). */
  public List<Point> run(
      Cifar10 dataset, Path cacheDir, Path out, RunsListener listener, BooleanSupplier cancelled)
      throws IOException {
    Path runs = out; // a store: its run folders, with the report files beside them
    Files.createDirectories(runs);
    List<Point> points = new ArrayList<>();
    int total = activations.size() * seeds;
    int index = 0;
    for (long seed = 1; seed <= seeds; seed++) {
      for (ActivationSpec activation : activations) {
        TrainSpec spec = spec(activation, seed);
        listener.runStarted(++index, total, spec);
        Runner runner = new Runner(spec, dataset, cacheDir, Progress.NONE);
        RunFolder folder = RunFolder.create(runs, runner.spec());
        long s = seed;
        StepRecord[] last = {null}; // a step's drift arrives after the step's own record
        TrainingSink collect =
            event -> {
              if (event instanceof StepRecord step) {
                last[0] = step;
                listener.step(step.step(), steps, step.trainLoss());
              } else if (event instanceof DriftRecord drift
                  && drift.logged()
                  && last[0] != null
                  && last[0].step() == drift.step()) {
                points.add(
                    new Point(
                        activation.id(),
                        s,
                        drift.step(),
                        last[0].trainLoss(),
                        drift.networkMedian()));
              }
            };
        RunResult result = folder.train(runner, collect, cancelled);
        if (result.status() == RunResult.Status.CANCELLED) {
          return points;
        }
      }
    }
    return points;
  }

  public static void writeCsv(Path file, List<Point> points) throws IOException {
    try (CSVPrinter w = new CSVPrinter(Files.newBufferedWriter(file), CsvRecords.FORMAT)) {
      w.printRecord("activation", "seed", "step", "train_loss", "network_median_unit_mean");
      for (Point p : points) {
        w.printRecord(
            p.activation(),
            p.seed(),
            p.step(),
            MetricsCsv.fmt(p.trainLoss()),
            MetricsCsv.fmt(p.networkMedian()));
      }
    }
  }

  /** Per activation and seed: mean |network median| over logged steps, and loss summaries. */
  public record RunSummary(double meanAbsMedian, double meanLoss, double finalLoss) {}

  /** activation → seed → summary; final loss is the mean over the last 10 % of logged points. */
  public static Map<String, Map<Long, RunSummary>> summarize(List<Point> points) {
    Map<String, Map<Long, List<Point>>> grouped = new LinkedHashMap<>();
    for (Point p : points) {
      grouped
          .computeIfAbsent(p.activation(), a -> new LinkedHashMap<>())
          .computeIfAbsent(p.seed(), s -> new ArrayList<>())
          .add(p);
    }
    Map<String, Map<Long, RunSummary>> out = new LinkedHashMap<>();
    grouped.forEach(
        (act, bySeed) -> {
          Map<Long, RunSummary> m = new LinkedHashMap<>();
          bySeed.forEach(
              (seed, ps) -> {
                double abs =
                    ps.stream()
                        .mapToDouble(p -> Math.abs(p.networkMedian()))
                        .average()
                        .orElse(Double.NaN);
                double loss =
                    ps.stream()
                        .mapToDouble(Point::trainLoss)
                        .filter(Double::isFinite)
                        .average()
                        .orElse(Double.NaN);
                int tail = Math.max(1, ps.size() / 10);
                double fin =
                    ps.subList(ps.size() - tail, ps.size()).stream()
                        .mapToDouble(Point::trainLoss)
                        .filter(Double::isFinite)
                        .average()
                        .orElse(Double.NaN);
                m.put(seed, new RunSummary(abs, loss, fin));
              });
          out.put(act, m);
        });
    return out;
  }

  /**
   * The summary a reader needs: per activation, then ELU against ReLU paired by seed, then how this
   * differs from the paper.
   */
  public String summaryText(List<Point> points, Cifar10 dataset) {
    Map<String, Map<Long, RunSummary>> s = summarize(points);
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "Figure 2 at small scale: plain CNN, %d conv layers, base width %d, SGD lr 0.01 (no momentum),"
                + " batch 64, He init, %d steps, %d seed(s), %s (%s).%n%n",
            depth,
            width,
            steps,
            seeds,
            dataset.title(),
            data));
    b.append(
        "activation  seeds  mean|median unit mean|  mean train loss  final train loss (last 10%)\n");
    s.forEach(
        (act, bySeed) ->
            b.append(
                String.format(
                    Locale.ROOT,
                    "%-10s  %5d  %22.4f  %15.4f  %16.4f%n",
                    act,
                    bySeed.size(),
                    bySeed.values().stream()
                        .mapToDouble(RunSummary::meanAbsMedian)
                        .average()
                        .orElse(Double.NaN),
                    bySeed.values().stream()
                        .mapToDouble(RunSummary::meanLoss)
                        .average()
                        .orElse(Double.NaN),
                    bySeed.values().stream()
                        .mapToDouble(RunSummary::finalLoss)
                        .average()
                        .orElse(Double.NaN))));
    b.append('\n');
    Map<Long, RunSummary> elu = s.get("elu");
    Map<Long, RunSummary> relu = s.get("relu");
    if (elu != null && relu != null) {
      int pairs = 0;
      int nearer = 0;
      int faster = 0;
      int lowerFinal = 0;
      for (Map.Entry<Long, RunSummary> e : elu.entrySet()) {
        RunSummary r = relu.get(e.getKey());
        if (r == null) {
          continue;
        }
        pairs++;
        nearer += e.getValue().meanAbsMedian() < r.meanAbsMedian() ? 1 : 0;
        faster += e.getValue().meanLoss() < r.meanLoss() ? 1 : 0;
        lowerFinal += e.getValue().finalLoss() < r.finalLoss() ? 1 : 0;
      }
      b.append(
          String.format(
              Locale.ROOT,
              "ELU's network-wide median unit mean stays nearer zero than ReLU's: %s (%d of %d paired seeds).%n",
              nearer == pairs && pairs > 0 ? "yes" : nearer == 0 ? "no" : "mixed",
              nearer,
              pairs));
      b.append(
          String.format(
              Locale.ROOT,
              "ELU's training loss falls faster than ReLU's (lower mean loss over the run): %s (%d of %d seeds);"
                  + " lower at the end: %d of %d.%n",
              faster == pairs && pairs > 0 ? "yes" : faster == 0 ? "no" : "mixed",
              faster,
              pairs,
              lowerFinal,
              pairs));
    } else {
      b.append("ELU against ReLU: not compared (run both to compare them).\n");
    }
    b.append(
        String.format(
            Locale.ROOT,
            "%nHow this differs from the paper's Figure 2:%n"
                + "- the paper trains a fully connected net (8 hidden layers of 128 units) on MNIST for 300 epochs;"
                + " here a plain CNN of %d conv layers on %s for %d steps (%.2f epochs of it);%n"
                + "- the paper takes each unit's mean on a fixed training subset after every epoch; here on each"
                + " logged step's training batch (every 10 steps; conv units averaged over batch and positions);%n"
                + "- the paper averages 5 runs; here %d paired seed(s); losses are single-batch training losses;%n"
                + "- the paper's ReLU/LReLU/ELU set is the same; the shifted ReLU (srelu) comes from its CIFAR runs.%n",
            depth,
            dataset.title(),
            steps,
            dataset.epochs(steps, 64),
            seeds));
    return b.toString();
  }
}
