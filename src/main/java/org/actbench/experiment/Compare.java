package org.actbench.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs grouped by spec fields, each group's curve as the mean over its runs (seeds) with a 95 %
 * confidence band from the t-distribution, paired differences between groups for runs with the same
 * seed (and so the same initial weights), and a per-group summary.
 */
public final class Compare {
  private Compare() {}

  /** Spec fields runs can be grouped by. */
  public static final List<String> FIELDS =
      List.of("activation", "depth", "width", "bn", "dropout", "init", "optimizer", "lr", "momentum", "schedule",
          "batch", "steps", "data", "per_class", "preprocessing", "augment", "family", "seed");

  public static String field(TrainSpec s, String field) {
    return switch (field) {
      case "activation" -> s.activation().id()
          + (s.activation().alpha() != null ? "(alpha=" + s.activation().alpha() + ")" : "")
          + (s.activation().slope() != null ? "(slope=" + s.activation().slope() + ")" : "");
      case "depth" -> Integer.toString(s.depth());
      case "width" -> Integer.toString(s.width());
      case "bn" -> s.batchNorm() ? "bn" : "no-bn";
      case "dropout" -> Double.toString(s.dropout());
      case "init" -> s.init();
      case "optimizer" -> s.optimizer();
      case "lr" -> Double.toString(s.lr());
      case "momentum" -> Double.toString(s.momentum());
      case "schedule" -> s.schedule();
      case "batch" -> Integer.toString(s.batch());
      case "steps" -> Integer.toString(s.steps());
      case "data" -> s.data();
      case "per_class" -> Integer.toString(s.perClass());
      case "preprocessing" -> s.preprocessing();
      case "augment" -> Boolean.toString(s.augment());
      case "family" -> s.family();
      case "seed" -> Long.toString(s.seed());
      default -> throw new IllegalArgumentException(
          "cannot group by '" + field + "'; expected one of " + String.join(", ", FIELDS));
    };
  }

  /** Usable runs by group key (the fields' values joined by " "), in key order. */
  public static Map<String, List<RunStore.Entry>> group(List<RunStore.Entry> runs, List<String> fields) {
    Map<String, List<RunStore.Entry>> out = new TreeMap<>();
    for (RunStore.Entry e : runs) {
      if (!e.usable()) {
        continue;
      }
      List<String> parts = new ArrayList<>();
      for (String f : fields) {
        parts.add(field(e.spec(), f));
      }
      out.computeIfAbsent(String.join(" ", parts), k -> new ArrayList<>()).add(e);
    }
    return out;
  }

  /** A group's curve: per step the mean over n runs and its 95 % confidence interval. */
  public record Band(String label, int n, double[] steps, double[] mean, double[] low, double[] high) {}

  /** Two-sided 95 % quantile of Student's t with {@code df} degrees of freedom. */
  public static double t975(int df) {
    double[] table = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179,
      2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052,
      2.048, 2.045, 2.042};
    if (df < 1) {
      return Double.NaN;
    }
    return df <= 30 ? table[df - 1] : 1.95996 + 2.37 / df; // within 0.002 of the exact value
  }

  /**
   * Mean and 95 % band over curves at the steps every curve has (a run that stopped early shortens
   * the group). With one curve the band is that curve (no interval).
   */
  public static Band band(String label, List<RunData.Curve> curves) {
    if (curves.isEmpty()) {
      return new Band(label, 0, new double[0], new double[0], new double[0], new double[0]);
    }
    List<Map<Double, Double>> byStep = new ArrayList<>();
    for (RunData.Curve c : curves) {
      Map<Double, Double> m = new LinkedHashMap<>();
      for (int i = 0; i < c.size(); i++) {
        m.put(c.steps()[i], c.values()[i]);
      }
      byStep.add(m);
    }
    List<Double> common = new ArrayList<>();
    for (double s : curves.get(0).steps()) {
      if (byStep.stream().allMatch(m -> m.containsKey(s))) {
        common.add(s);
      }
    }
    int n = curves.size();
    double[] steps = new double[common.size()];
    double[] mean = new double[common.size()];
    double[] low = new double[common.size()];
    double[] high = new double[common.size()];
    for (int i = 0; i < common.size(); i++) {
      double s = common.get(i);
      double[] v = byStep.stream().mapToDouble(m -> m.get(s)).toArray();
      double mu = Arrays.stream(v).average().orElse(Double.NaN);
      double half = n < 2 ? 0 : ci(v);
      steps[i] = s;
      mean[i] = mu;
      low[i] = mu - half;
      high[i] = mu + half;
    }
    return new Band(label, n, steps, mean, low, high);
  }

  /** Each group's curves of a metric, read from the runs' files once. */
  public static Map<String, List<RunData.Curve>> curves(
      Map<String, List<RunStore.Entry>> groups, String metric, String layer) {
    Map<String, List<RunData.Curve>> out = new LinkedHashMap<>();
    groups.forEach((key, runs) -> out.put(key, runs.stream().map(e -> RunData.curve(e.dir(), metric, layer)).toList()));
    return out;
  }

  /** The same curves smoothed run by run (before any averaging), in memory. */
  public static Map<String, List<RunData.Curve>> smooth(Map<String, List<RunData.Curve>> curves, Smoothing smoothing) {
    Map<String, List<RunData.Curve>> out = new LinkedHashMap<>();
    curves.forEach((key, list) -> out.put(key,
        list.stream().map(c -> new RunData.Curve(c.steps(), smoothing.apply(c.values()))).toList()));
    return out;
  }

  /**
   * For each group whose first field is not {@code baseline}: the group with {@code baseline} there
   * and every other field the same (its partner for paired differences), in key order.
   */
  public static Map<String, String> pairs(java.util.Collection<String> keys, String baseline) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String key : keys) {
      String first = key.split(" ", -1)[0];
      String base = baseline + key.substring(first.length());
      if (!first.equals(baseline) && keys.contains(base)) {
        out.put(key, base);
      }
    }
    return out;
  }

  /**
   * Per seed, {@code a − b} between runs of two groups with the same seed (paired: the same initial
   * weights), as a band over the seeds both groups have. The curves are the runs', in run order.
   */
  public static Band paired(String label, List<RunStore.Entry> a, List<RunData.Curve> curvesA,
      List<RunStore.Entry> b, List<RunData.Curve> curvesB) {
    List<RunData.Curve> diffs = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      for (int j = 0; j < b.size(); j++) {
        if (a.get(i).spec().seed() != b.get(j).spec().seed()) {
          continue;
        }
        RunData.Curve ca = curvesA.get(i);
        RunData.Curve cb = curvesB.get(j);
        Map<Double, Double> mb = new LinkedHashMap<>();
        for (int k = 0; k < cb.size(); k++) {
          mb.put(cb.steps()[k], cb.values()[k]);
        }
        List<double[]> d = new ArrayList<>();
        for (int k = 0; k < ca.size(); k++) {
          Double other = mb.get(ca.steps()[k]);
          if (other != null) {
            d.add(new double[] {ca.steps()[k], ca.values()[k] - other});
          }
        }
        diffs.add(new RunData.Curve(d.stream().mapToDouble(x -> x[0]).toArray(), d.stream().mapToDouble(x -> x[1]).toArray()));
      }
    }
    return band(label, diffs);
  }

  /**
   * One group's summary over its runs, each with the half-width of its 95 % interval.
   *
   * @param lowerIsBetter losses: best is the minimum, the threshold is reached from above
   */
  public record Summary(String group, int n, double finalValue, double finalCi, double best, double bestCi,
      double stepsToThreshold, double stepsCi, double area, double areaCi, int reached) {}

  /** Every group's summary of {@code metric}, best final value first. */
  public static List<Summary> summaries(Map<String, List<RunData.Curve>> curves, String metric, double threshold) {
    boolean low = lowerIsBetter(metric);
    List<Summary> rows = new ArrayList<>();
    curves.forEach((group, c) -> rows.add(summary(group, c, low, threshold)));
    rows.sort((a, b) -> low ? Double.compare(a.finalValue(), b.finalValue()) : Double.compare(b.finalValue(), a.finalValue()));
    return rows;
  }

  public static Summary summary(String group, List<RunData.Curve> curves, boolean lowerIsBetter, double threshold) {
    int n = curves.size();
    double[] fin = new double[n];
    double[] best = new double[n];
    double[] area = new double[n];
    List<Double> reachedAt = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      RunData.Curve c = curves.get(r);
      double[] v = c.values();
      fin[r] = v.length == 0 ? Double.NaN : v[v.length - 1];
      best[r] = lowerIsBetter ? Arrays.stream(v).min().orElse(Double.NaN) : Arrays.stream(v).max().orElse(Double.NaN);
      double sum = 0;
      for (int i = 1; i < v.length; i++) {
        sum += (v[i] + v[i - 1]) / 2 * (c.steps()[i] - c.steps()[i - 1]);
      }
      area[r] = v.length < 2 ? Double.NaN : sum / (c.steps()[v.length - 1] - c.steps()[0]); // mean height
      for (int i = 0; i < v.length; i++) {
        if (!Double.isNaN(threshold) && (lowerIsBetter ? v[i] <= threshold : v[i] >= threshold)) {
          reachedAt.add(c.steps()[i]);
          break;
        }
      }
    }
    double[] reached = reachedAt.stream().mapToDouble(Double::doubleValue).toArray();
    return new Summary(group, n, mean(fin), ci(fin), mean(best), ci(best), mean(reached), ci(reached),
        mean(area), ci(area), reached.length);
  }

  static double mean(double[] v) {
    return Arrays.stream(v).average().orElse(Double.NaN);
  }

  /** Half-width of the 95 % t interval of the mean. */
  static double ci(double[] v) {
    int n = v.length;
    if (n < 2) {
      return Double.NaN;
    }
    double m = mean(v);
    return t975(n - 1) * Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (n - 1)) / Math.sqrt(n);
  }

  /** Losses and ρ-like quantities are better low; accuracies and cosines high. */
  public static boolean lowerIsBetter(String metric) {
    return !(metric.endsWith("_acc") || metric.equals("natgrad_cosine"));
  }
}
