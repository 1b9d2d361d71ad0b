package org.actbench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.actbench.engine.InvalidField;
import org.actbench.experiment.Compare;
import org.actbench.experiment.Comparison;
import org.actbench.experiment.ForkComparison;
import org.actbench.experiment.Metric;
import org.actbench.experiment.MetricsCsv;
import org.actbench.experiment.RunStore;
import org.actbench.experiment.Smoothing;
import org.actbench.export.FigureExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * {@code actbench compare}: groups over seeds with 95 % bands, paired differences, a summary table.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    header = "Compare groups of stored runs over seeds, with 95%% intervals.",
    description = {
      "Group stored runs and write, per group and step, the center over its seeds (the mean; for a",
      "loss the geometric mean) with a 95%% confidence band computed where the quantity lives, n",
      "stated (no band for n = 1). Runs with the same spec and seed count once. Also",
      "OUT-summary.csv (final value at the last shared step, best, steps to --threshold, mean over",
      "the run, each with its interval) and, with --paired-with, OUT-paired.csv: differences of",
      "runs paired one to one by seed (same initial weights). --paired-with parent: each fork",
      "(train --fork) minus its parent's continuation, aligned at the fork step (step counted",
      "from it), grouped by what the forks changed."
    })
final class CompareCommand implements Callable<Integer> {
  @Mixin StoreOptions store;
  @Spec CommandSpec spec;

  @Option(
      names = "--group-by",
      split = ",",
      description =
          "spec fields, e.g. activation,depth (default: every field that differs among"
              + " the runs, the seed aside)")
  List<String> groupBy = new ArrayList<>();

  @Option(
      names = "--metric",
      description =
          "train_loss, test_acc, unit_mean_median, bias_shift_rho, ... (default:"
              + " ${DEFAULT-VALUE})")
  String metric = "train_loss";

  @Option(
      names = "--layer",
      description = "activation layer for per-layer metrics (default: median over layers)")
  String layer;

  @Option(
      names = "--smooth",
      description = "none, ema:W or ma:N; raw values are kept beside (default: ${DEFAULT-VALUE})")
  String smooth = "none";

  @Option(names = "--threshold", description = "for 'steps to threshold' (default: none)")
  Double threshold;

  @Option(
      names = "--paired-with",
      description =
          "value of the first group-by field to pair against, e.g. relu; or parent: forks"
              + " minus their parents")
  String pairedWith;

  @Option(names = "--out", required = true, description = "CSV of the bands")
  Path out;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    if (threshold != null) {
      InvalidField.finiteIn(threshold, -Double.MAX_VALUE, Double.MAX_VALUE, "threshold");
    }
    Smoothing smoothing = Smoothing.parse(smooth);
    Metric m = Metric.parse(metric);
    List<RunStore.Entry> runs = store.chosen();
    Comparison c = Comparison.of(runs, groupBy, m, layer);
    if (c.groups().isEmpty()) {
      throw new IllegalArgumentException(
          "no usable runs in "
              + store.store()
              + (c.skipped().isEmpty() ? "" : ": " + c.notes().get(0)));
    }
    stdout.println(
        "grouped by: "
            + (c.groupBy().isEmpty() ? "nothing (all runs alike)" : String.join(", ", c.groupBy()))
            + "; n counts distinct seeds");
    store.leftOutNotes().forEach(n -> stdout.println("note: " + n));
    c.notes().forEach(n -> stdout.println("note: " + n));
    List<String> forkNotes = new ArrayList<>();
    List<Compare.Band> forks =
        FigureExport.PARENT.equals(pairedWith)
            ? forks(runs, m, smoothing, forkNotes) // checked before anything is written
            : List.of();
    if (out.toAbsolutePath().getParent() != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
    }
    bands(c, smoothing).write().csv(out.toFile());
    String base =
        out.toString().endsWith(".csv")
            ? out.toString().substring(0, out.toString().length() - 4)
            : out.toString();
    List<Compare.Summary> rows = c.summaries(smoothing, threshold == null ? Double.NaN : threshold);
    summary(rows, false).write().csv(base + "-summary.csv");
    stdout.println(summary(rows, true).printAll());
    if (FigureExport.PARENT.equals(pairedWith)) {
      forkNotes.forEach(n -> stdout.println("note: " + n));
      paired(forks, Path.of(base + "-paired.csv"), stdout);
    } else if (pairedWith != null) {
      paired(c, smoothing, Path.of(base + "-paired.csv"), stdout);
    }
    stdout.printf(
        Locale.ROOT,
        "groups=%d runs=%d out=%s%n",
        c.groups().size(),
        c.groups().stream().mapToInt(Comparison.Group::n).sum(),
        out);
    return 0;
  }

  private static Table bands(Comparison c, Smoothing smoothing) {
    Table t =
        table(
            "bands",
            "group",
            "n",
            "center",
            "step",
            "value",
            "ci_low",
            "ci_high",
            "value_smoothed",
            "ci_low_smoothed",
            "ci_high_smoothed");
    for (Comparison.Group g : c.groups()) {
      Compare.Band r = c.band(g, Smoothing.NONE);
      Compare.Band s = c.band(g, smoothing);
      for (int i = 0; i < r.steps().length; i++) {
        add(
            t,
            g.label(),
            Integer.toString(r.n()),
            r.center(),
            MetricsCsv.fmtStep(r.steps()[i]),
            fmt(r.mean()[i]),
            fmt(r.low()[i]),
            fmt(r.high()[i]),
            fmt(s.mean()[i]),
            fmt(s.low()[i]),
            fmt(s.high()[i]));
      }
    }
    return t;
  }

  /**
   * The summary, best first: for the console each estimate as "center [low, high]" in 4 significant
   * digits; for the CSV each in three columns.
   */
  private Table summary(List<Compare.Summary> rows, boolean console) {
    String[] estimates = {"final", "best", "steps_to_threshold", "mean_over_run"};
    List<String> columns = new ArrayList<>(List.of("group", "n", "final_step"));
    for (String e : estimates) {
      columns.add(e);
      if (!console) {
        columns.add(e + "_low");
        columns.add(e + "_high");
      }
    }
    columns.add("reached_threshold");
    Metric m = Metric.parse(metric);
    Table t =
        table(
            "summary of "
                + metric
                + (m.lowerIsBetter() ? " (lower is better)" : " (higher is better)")
                + ", 95% intervals",
            columns.toArray(String[]::new));
    for (Compare.Summary s : rows) {
      List<String> cells =
          new ArrayList<>(
              List.of(s.group(), Integer.toString(s.n()), MetricsCsv.fmtStep(s.finalStep())));
      for (Compare.Estimate e : List.of(s.fin(), s.best(), s.stepsToThreshold(), s.area())) {
        if (console) {
          cells.add(
              Double.isNaN(e.center())
                  ? ""
                  : Double.isNaN(e.low())
                      ? short4(e.center())
                      : short4(e.center())
                          + " ["
                          + short4(e.low())
                          + ", "
                          + short4(e.high())
                          + "]");
        } else {
          cells.add(fmt(e.center()));
          cells.add(fmt(e.low()));
          cells.add(fmt(e.high()));
        }
      }
      cells.add(threshold == null ? "" : Integer.toString(s.reached()));
      add(t, cells.toArray(String[]::new));
    }
    return t;
  }

  /** Forks minus their parents' continuations ({@link ForkComparison}), as the Compare tab. */
  private List<Compare.Band> forks(
      List<RunStore.Entry> runs, Metric m, Smoothing smoothing, List<String> notes) {
    if (runs.stream().noneMatch(e -> e.spec().forkOf() != null)) {
      throw new IllegalArgumentException(
          "--paired-with parent: no fork among the runs compared in "
              + store.store()
              + " (a fork is made by train --fork or Fork from here…)");
    }
    List<Compare.Band> bands =
        ForkComparison.differences(runs, m.column(), layer, smoothing, notes);
    if (bands.isEmpty()) {
      throw new IllegalArgumentException("--paired-with parent: " + notes.get(0));
    }
    return bands;
  }

  private void paired(Comparison c, Smoothing smoothing, Path file, PrintWriter stdout) {
    Map<Comparison.Group, Comparison.Group> pairs = c.pairs(pairedWith);
    if (pairs.isEmpty()) {
      throw new IllegalArgumentException(
          "--paired-with "
              + pairedWith
              + ": no group has it as its"
              + " first field ("
              + (c.groupBy().isEmpty() ? "no grouping" : c.groupBy().get(0))
              + ") with a partner");
    }
    List<Compare.Band> bands = new ArrayList<>();
    pairs.forEach((a, b) -> bands.add(c.difference(a, b, smoothing)));
    paired(bands, file, stdout);
  }

  /** Writes paired differences, one row per pair and step, and says the last step's. */
  private static void paired(List<Compare.Band> differences, Path file, PrintWriter stdout) {
    Table t = table("paired", "pair", "n", "step", "mean_difference", "ci_low", "ci_high");
    for (Compare.Band d : differences) {
      for (int i = 0; i < d.steps().length; i++) {
        add(
            t,
            d.label(),
            Integer.toString(d.n()),
            MetricsCsv.fmtStep(d.steps()[i]),
            fmt(d.mean()[i]),
            fmt(d.low()[i]),
            fmt(d.high()[i]));
      }
      if (d.steps().length > 0) {
        int last = d.steps().length - 1;
        stdout.printf(
            Locale.ROOT,
            "paired %s: n=%d pairs, at step %s difference %s%s%n",
            d.label(),
            d.n(),
            MetricsCsv.fmtStep(d.steps()[last]),
            short4(d.mean()[last]),
            d.hasInterval()
                ? " [" + short4(d.low()[last]) + ", " + short4(d.high()[last]) + "]"
                : " (one pair: no interval)");
      }
    }
    t.write().csv(file.toFile());
  }

  private static Table table(String name, String... columns) {
    Table t = Table.create(name);
    for (String c : columns) {
      t.addColumns(StringColumn.create(c));
    }
    return t;
  }

  private static void add(Table t, String... cells) {
    for (int i = 0; i < cells.length; i++) {
      t.stringColumn(i).append(cells[i]);
    }
  }

  private static String fmt(double v) {
    return MetricsCsv.fmt(v);
  }

  private static String short4(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4g", v);
  }
}
