package org.actbench.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The statistics of a comparison over seeds: a group's curve as its center over runs with a 95 %
 * confidence band computed in the quantity's {@link Metric.Domain} (losses on the log scale around
 * the geometric mean; bounded quantities clipped to their range), paired differences of runs
 * matched one to one, and per-group summaries. With one run there is no interval: the band is NaN,
 * never a zero-width band that looks like certainty.
 *
 * <p>Which runs form a group, and which are the same sample, is {@link Comparison}'s business.
 */
public final class Compare {
  private Compare() {}

  /** Spec fields runs can be grouped by. */
  public static final List<String> FIELDS =
      List.of(
          "activation",
          "depth",
          "width",
          "bn",
          "dropout",
          "init",
          "optimizer",
          "lr",
          "momentum",
          "weight_decay",
          "schedule",
          "batch",
          "steps",
          "data",
          "per_class",
          "preprocessing",
          "augment",
          "family",
          "seed");

  public static String field(TrainSpec s, String field) {
    return switch (field) {
      case "activation" ->
          s.activation().id()
              + (s.activation().alpha() != null ? "(alpha=" + s.activation().alpha() + ")" : "")
              + (s.activation().slope() != null ? "(slope=" + s.activation().slope() + ")" : "");
      case "depth" -> Integer.toString(s.depth());
      case "width" -> Integer.toString(s.width());
      case "bn" -> s.batchNorm() ? "bn" : "no-bn";
      case "dropout" -> Double.toString(s.dropout());
      case "init" -> s.init().id();
      case "optimizer" -> s.optimizer().id();
      case "lr" -> Double.toString(s.lr());
      case "momentum" -> Double.toString(s.momentum());
      case "weight_decay" -> Double.toString(s.weightDecay());
      case "schedule" -> s.schedule().id();
      case "batch" -> Integer.toString(s.batch());
      case "steps" -> Integer.toString(s.steps());
      case "data" -> s.data();
      case "per_class" -> Integer.toString(s.perClass());
      case "preprocessing" -> s.preprocessing().id();
      case "augment" -> Boolean.toString(s.augment());
      case "family" -> s.family().id();
      case "seed" -> Long.toString(s.seed());
      default ->
          throw new IllegalArgumentException(
              "cannot group by '" + field + "'; expected one of " + String.join(", ", FIELDS));
    };
  }

  /**
   * A group's curve: per step the center over n runs (the mean, or for a loss the geometric mean)
   * and its 95 % confidence interval; low and high are NaN where there is no interval (n = 1).
   */
  public record Band(
      String label,
      int n,
      String center,
      double[] steps,
      double[] mean,
      double[] low,
      double[] high) {
    public boolean hasInterval() {
      return n > 1;
    }
  }

  /** A center with its 95 % interval (NaN bounds with fewer than two values). */
  public record Estimate(double center, double low, double high) {
    static final Estimate NONE = new Estimate(Double.NaN, Double.NaN, Double.NaN);
  }

  /** Two-sided 95 % quantile of Student's t with {@code df} degrees of freedom (exact). */
  public static double t975(int df) {
    return df < 1 ? Double.NaN : new TDistribution(df).inverseCumulativeProbability(0.975);
  }

  /**
   * The center of {@code v} and its 95 % t-interval, computed where the domain is unbounded: on the
   * log scale for {@link Metric.Domain#POSITIVE} values (all > 0), else on the values themselves,
   * and clipped to the domain.
   */
  public static Estimate estimate(double[] v, Metric.Domain domain) {
    int n = v.length;
    if (n == 0) {
      return Estimate.NONE;
    }
    boolean log = domain == Metric.Domain.POSITIVE && Arrays.stream(v).allMatch(x -> x > 0);
    double[] w = log ? Arrays.stream(v).map(Math::log).toArray() : v;
    double m = Arrays.stream(w).average().orElse(Double.NaN);
    double center = log ? Math.exp(m) : m;
    if (n < 2) {
      return new Estimate(domain.clip(center), Double.NaN, Double.NaN);
    }
    double sd = Math.sqrt(Arrays.stream(w).map(x -> (x - m) * (x - m)).sum() / (n - 1));
    double half = t975(n - 1) * sd / Math.sqrt(n);
    double lo = log ? Math.exp(m - half) : m - half;
    double hi = log ? Math.exp(m + half) : m + half;
    return new Estimate(domain.clip(center), domain.clip(lo), domain.clip(hi));
  }

  /** The name of the center {@link #estimate} takes for these values. */
  static String centerName(Metric.Domain domain, List<RunData.Curve> curves) {
    boolean positive =
        curves.stream().allMatch(c -> Arrays.stream(c.values()).allMatch(x -> x > 0));
    return domain == Metric.Domain.POSITIVE && positive ? "geometric mean" : "mean";
  }

  /**
   * Center and 95 % band over curves at the steps every curve has (a run that stopped early
   * shortens the group).
   */
  public static Band band(String label, List<RunData.Curve> curves, Metric.Domain domain) {
    int n = curves.size();
    if (n == 0) {
      return new Band(label, 0, "mean", new double[0], new double[0], new double[0], new double[0]);
    }
    List<Map<Double, Double>> byStep = curves.stream().map(Compare::byStep).toList();
    double[] steps =
        Arrays.stream(curves.get(0).steps())
            .filter(s -> byStep.stream().allMatch(m -> m.containsKey(s)))
            .toArray();
    double[] mean = new double[steps.length];
    double[] low = new double[steps.length];
    double[] high = new double[steps.length];
    for (int i = 0; i < steps.length; i++) {
      double s = steps[i];
      Estimate e = estimate(byStep.stream().mapToDouble(m -> m.get(s)).toArray(), domain);
      mean[i] = e.center();
      low[i] = e.low();
      high[i] = e.high();
    }
    return new Band(label, n, centerName(domain, curves), steps, mean, low, high);
  }

  private static Map<Double, Double> byStep(RunData.Curve c) {
    Map<Double, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < c.size(); i++) {
      m.put(c.steps()[i], c.values()[i]);
    }
    return m;
  }

  /** The same curves smoothed run by run (before any averaging). */
  public static List<RunData.Curve> smooth(List<RunData.Curve> curves, Smoothing smoothing) {
    return curves.stream()
        .map(c -> new RunData.Curve(c.steps(), smoothing.apply(c.values())))
        .toList();
  }

  /**
   * The band of paired differences {@code a − b}, one per pair of runs (runs matched one to one,
   * see {@link Comparison#paired}), at the steps both runs of every pair have. Differences are
   * signed, so the interval is the plain t-interval.
   */
  public static Band differences(String label, List<RunData.Curve[]> pairs) {
    List<RunData.Curve> diffs = new ArrayList<>();
    for (RunData.Curve[] pair : pairs) {
      Map<Double, Double> mb = byStep(pair[1]);
      List<double[]> d = new ArrayList<>();
      for (int k = 0; k < pair[0].size(); k++) {
        Double other = mb.get(pair[0].steps()[k]);
        if (other != null) {
          d.add(new double[] {pair[0].steps()[k], pair[0].values()[k] - other});
        }
      }
      diffs.add(
          new RunData.Curve(
              d.stream().mapToDouble(x -> x[0]).toArray(),
              d.stream().mapToDouble(x -> x[1]).toArray()));
    }
    return band(label, diffs, Metric.Domain.REAL);
  }

  /**
   * One group's summary over its n runs. "Final" is the value at the last step every run of the
   * group reached ({@code finalStep}), so runs of different lengths are compared where they all
   * are; "mean over the run" averages each curve up to that step.
   */
  public record Summary(
      String group,
      int n,
      double finalStep,
      Estimate fin,
      Estimate best,
      Estimate stepsToThreshold,
      int reached,
      Estimate area) {}

  /** Every group's summary of {@code metric}, best final value first. */
  public static List<Summary> summaries(
      Map<String, List<RunData.Curve>> curves, Metric metric, double threshold) {
    List<Summary> rows = new ArrayList<>();
    curves.forEach((group, c) -> rows.add(summary(group, c, metric, threshold)));
    rows.sort(
        (a, b) ->
            metric.lowerIsBetter()
                ? Double.compare(a.fin().center(), b.fin().center())
                : Double.compare(b.fin().center(), a.fin().center()));
    return rows;
  }

  public static Summary summary(
      String group, List<RunData.Curve> curves, Metric metric, double threshold) {
    int n = curves.size();
    boolean low = metric.lowerIsBetter();
    double lastShared =
        curves.stream()
            .mapToDouble(c -> c.size() == 0 ? Double.NaN : c.steps()[c.size() - 1])
            .min()
            .orElse(Double.NaN);
    double[] fin = new double[n];
    double[] best = new double[n];
    double[] area = new double[n];
    List<Double> reachedAt = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      RunData.Curve c = curves.get(r);
      int end = 0; // points up to the last shared step
      while (end < c.size() && c.steps()[end] <= lastShared) {
        end++;
      }
      double[] v = Arrays.copyOf(c.values(), end);
      fin[r] = end == 0 ? Double.NaN : v[end - 1];
      best[r] =
          low
              ? Arrays.stream(v).min().orElse(Double.NaN)
              : Arrays.stream(v).max().orElse(Double.NaN);
      double sum = 0;
      for (int i = 1; i < end; i++) {
        sum += (v[i] + v[i - 1]) / 2 * (c.steps()[i] - c.steps()[i - 1]);
      }
      area[r] = end < 2 ? Double.NaN : sum / (c.steps()[end - 1] - c.steps()[0]);
      for (int i = 0; i < end; i++) {
        if (!Double.isNaN(threshold) && (low ? v[i] <= threshold : v[i] >= threshold)) {
          reachedAt.add(c.steps()[i]);
          break;
        }
      }
    }
    double[] reached = reachedAt.stream().mapToDouble(Double::doubleValue).toArray();
    Metric.Domain d = metric.domain();
    return new Summary(
        group,
        n,
        lastShared,
        estimate(fin, d),
        estimate(best, d),
        estimate(reached, Metric.Domain.NON_NEGATIVE),
        reached.length,
        estimate(area, d));
  }
}
