package org.actbench.cli;

import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.actbench.experiment.Compare;
import org.actbench.experiment.MetricsCsv;
import org.actbench.experiment.RunData;
import org.actbench.experiment.RunStore;
import org.actbench.experiment.Smoothing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** {@code actbench compare}: groups over seeds with 95 % bands, paired differences, a summary table. */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
      "Group stored runs by spec fields and write, per group and step, the mean over its runs with a",
      "95% confidence band (t-distribution; n stated). Also OUT-summary.csv (final, best, steps to",
      "--threshold, mean over the run, each with its interval) and, with --paired-with, OUT-paired.csv:",
      "per-seed differences to that group (same seed, same initial weights)."
    })
final class CompareCommand implements Callable<Integer> {
  @Mixin StoreOptions store;
  @Spec CommandSpec spec;

  @Option(names = "--group-by", split = ",", description = "spec fields, e.g. activation,depth (default: ${DEFAULT-VALUE})")
  List<String> groupBy = new ArrayList<>(List.of("activation"));

  @Option(names = "--metric", description = "train_loss, test_acc, unit_mean_median, bias_shift_rho, ... (default: ${DEFAULT-VALUE})")
  String metric = "train_loss";

  @Option(names = "--layer", description = "activation layer for per-layer metrics (default: median over layers)")
  String layer;

  @Option(names = "--smooth", description = "none, ema:W or ma:N; raw values are kept beside (default: ${DEFAULT-VALUE})")
  String smooth = "none";

  @Option(names = "--threshold", description = "for 'steps to threshold' (default: none)")
  Double threshold;

  @Option(names = "--paired-with", description = "value of the first group-by field to pair against, e.g. relu")
  String pairedWith;

  @Option(names = "--out", required = true, description = "CSV of the bands")
  Path out;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    Smoothing smoothing = Smoothing.parse(smooth);
    List<RunStore.Entry> runs = store.chosen();
    if (runs.isEmpty()) {
      throw new IllegalArgumentException("no usable runs in " + store.store());
    }
    Map<String, List<RunStore.Entry>> groups = Compare.group(runs, groupBy);
    Map<String, List<RunData.Curve>> raw = Compare.curves(groups, metric, layer);
    Map<String, List<RunData.Curve>> smoothed = Compare.smooth(raw, smoothing);
    if (out.toAbsolutePath().getParent() != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
    }
    try (BufferedWriter w = Files.newBufferedWriter(out)) {
      w.write("group,n,step,mean,ci_low,ci_high,mean_smoothed,ci_low_smoothed,ci_high_smoothed");
      w.newLine();
      for (String key : groups.keySet()) {
        Compare.Band r = Compare.band(key, raw.get(key));
        Compare.Band s = Compare.band(key, smoothed.get(key));
        for (int i = 0; i < r.steps().length; i++) {
          w.write(String.join(",", key, Integer.toString(r.n()), step(r.steps()[i]), fmt(r.mean()[i]), fmt(r.low()[i]),
              fmt(r.high()[i]), fmt(s.mean()[i]), fmt(s.low()[i]), fmt(s.high()[i])));
          w.newLine();
        }
      }
    }
    Table summary = summary(smoothed);
    String base = out.toString().endsWith(".csv") ? out.toString().substring(0, out.toString().length() - 4) : out.toString();
    summary.write().csv(base + "-summary.csv");
    stdout.println(summary.printAll());
    if (pairedWith != null) {
      paired(groups, smoothed, Path.of(base + "-paired.csv"), stdout);
    }
    stdout.printf(Locale.ROOT, "groups=%d runs=%d out=%s%n", groups.size(), runs.size(), out);
    return 0;
  }

  private Table summary(Map<String, List<RunData.Curve>> curves) {
    boolean low = Compare.lowerIsBetter(metric);
    StringColumn group = StringColumn.create("group");
    IntColumn n = IntColumn.create("n");
    String[] names = {"final", "final_ci", "best", "best_ci", "steps_to_threshold", "steps_ci", "mean_over_run", "mean_ci"};
    DoubleColumn[] cols = Arrays.stream(names).map(DoubleColumn::create).toArray(DoubleColumn[]::new);
    IntColumn reached = IntColumn.create("reached_threshold");
    for (Compare.Summary s : Compare.summaries(curves, metric, threshold == null ? Double.NaN : threshold)) {
      group.append(s.group());
      n.append(s.n());
      double[] v = {s.finalValue(), s.finalCi(), s.best(), s.bestCi(), s.stepsToThreshold(), s.stepsCi(), s.area(), s.areaCi()};
      for (int i = 0; i < v.length; i++) {
        cols[i].append(v[i]);
      }
      reached.append(s.reached());
    }
    Table t = Table.create("summary of " + metric + (low ? " (lower is better)" : " (higher is better)"), group, n);
    t.addColumns(cols);
    t.addColumns(reached);
    return t; // best first
  }

  private void paired(Map<String, List<RunStore.Entry>> groups, Map<String, List<RunData.Curve>> curves, Path file,
      PrintWriter stdout) throws java.io.IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      w.write("pair,n,step,mean_difference,ci_low,ci_high");
      w.newLine();
      for (Map.Entry<String, String> pair : Compare.pairs(groups.keySet(), pairedWith).entrySet()) {
        String key = pair.getKey();
        String base = pair.getValue();
        Compare.Band d = Compare.paired(key + " - " + base, groups.get(key), curves.get(key), groups.get(base), curves.get(base));
        for (int i = 0; i < d.steps().length; i++) {
          w.write(String.join(",", d.label(), Integer.toString(d.n()), step(d.steps()[i]), fmt(d.mean()[i]),
              fmt(d.low()[i]), fmt(d.high()[i])));
          w.newLine();
        }
        if (d.steps().length > 0) {
          int last = d.steps().length - 1;
          stdout.printf(Locale.ROOT, "paired %s: n=%d, at step %.0f difference %.4f [%.4f, %.4f]%n", d.label(), d.n(),
              d.steps()[last], d.mean()[last], d.low()[last], d.high()[last]);
        }
      }
    }
  }

  private static String step(double v) {
    return MetricsCsv.fmtStep(v);
  }

  private static String fmt(double v) {
    return MetricsCsv.fmt(v);
  }
}
