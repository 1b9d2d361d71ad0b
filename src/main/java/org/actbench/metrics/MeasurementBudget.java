package org.actbench.metrics;

import java.util.Arrays;
import org.actbench.engine.train.MeasureCost;

/**
 * Times a run's measurements against its plain steps as it trains, and widens the logging,
 * histogram and probe intervals so that they stay within a share of training time.
 *
 * <p>What it times: the time between the end of one step's measurements and the start of the next's
 * is a step (its forward, backward and update, plus the odd evaluation). Steps whose pass is not
 * observed are plain steps; their median is the step time T. A measured step costs its measurement
 * time plus what its observed pass takes over T (on oneDNN an observed pass keeps every activation
 * in plain layout and unfused: slower). The overhead is the measuring time over the time the same
 * steps would have taken plain, since the run (or its resumption) began.
 *
 * <p>How it adapts (with a budget B): the intervals start at the settings' (the densest allowed, so
 * a user's fixed interval is never made denser) and every {@link #ADAPT_EVERY} steps are set again
 * from them: while c_log/L + c_probe/K exceeds B·T, the interval whose term is larger doubles
 * (c_log: the mean cost of a logged step, histograms included; c_probe: the last probe's). Doubling
 * keeps every interval a multiple of the one it replaced, so logged steps stay aligned. The
 * histogram interval widens with the logging interval.
 */
final class MeasurementBudget {
  /** Steps between two choices of the intervals. */
  static final int ADAPT_EVERY = 50;

  /** Plain and observed step times kept (the medians are over these). */
  private static final int WINDOW = 64;

  /** No interval grows past this many steps. */
  static final int MAX_INTERVAL = 1 << 20;

  private final MetricsSettings base;
  private final double budget; // fraction of training time; NaN for none
  private int logEvery;
  private int histogramEvery;
  private int probeEvery;

  private final double[] plain = new double[WINDOW];
  private final double[] observed = new double[WINDOW];
  private int plainCount;
  private int observedCount;
  private long steps; // steps with a known duration
  private long observedSteps;
  private double measuredNanos; // in the measurements themselves
  private double driftCost = Double.NaN; // mean nanos of a logged step's measurement
  private long driftSamples;
  private double probeCost = Double.NaN; // nanos of the last probe

  MeasurementBudget(MetricsSettings settings) {
    this.base = settings;
    this.budget = settings.measureBudget() == null ? Double.NaN : settings.measureBudget() / 100;
    this.logEvery = settings.logEvery();
    this.histogramEvery = settings.histogramEvery();
    this.probeEvery = settings.probe().every();
  }

  /** Whether step s's probe runs: every K steps in use, and after the first. */
  boolean probeAt(long s) {
    return probeEvery > 0 && (s == 1 || s % probeEvery == 0);
  }

  /** Whether rows are written for step s: every L steps in use, the first, and probe steps. */
  boolean logged(long s) {
    return s == 1 || s % logEvery == 0 || probeAt(s);
  }

  boolean histogramAt(long s) {
    return histogramEvery > 0 && (s == 1 || s % histogramEvery == 0);
  }

  /**
   * A step's duration, from the end of the previous step's measurements to the start of its own.
   *
   * @param observedPass whether its pass was observed for the measurements
   */
  void stepTook(long nanos, boolean observedPass) {
    steps++;
    if (observedPass) {
      observedSteps++;
      observed[observedCount++ % WINDOW] = nanos;
    } else {
      plain[plainCount++ % WINDOW] = nanos;
    }
  }

  /** One step's measurements: the drift (and histograms) and the probe, in nanoseconds. */
  void measured(long s, long driftNanos, long probeNanos, boolean drift, boolean probe) {
    measuredNanos += driftNanos + probeNanos;
    if (drift) {
      driftSamples++;
      driftCost =
          driftSamples == 1 ? driftNanos : driftCost + (driftNanos - driftCost) / driftSamples;
    }
    if (probe) {
      probeCost = probeNanos;
    }
    // every ADAPT_EVERY steps: a short run (a test, a demo) keeps the intervals it was given
    if (!Double.isNaN(budget) && s % ADAPT_EVERY == 0) {
      adapt();
    }
  }

  /** T: the median plain step (the median observed one while there is none). */
  private double stepTime() {
    if (plainCount >= 4) {
      return median(plain, plainCount);
    }
    return observedCount > 0 ? median(observed, observedCount) : Double.NaN;
  }

  /** What an observed pass takes over a plain one (0 while either is unknown). */
  private double observedExtra() {
    if (plainCount < 4 || observedCount == 0) {
      return 0;
    }
    return Math.max(0, median(observed, observedCount) - median(plain, plainCount));
  }

  /** The overhead so far, in percent; NaN before the step time is known. */
  double overheadPercent() {
    double t = stepTime();
    if (!(t > 0) || steps == 0) {
      return Double.NaN;
    }
    return 100 * (measuredNanos + observedSteps * observedExtra()) / (steps * t);
  }

  private void adapt() {
    double t = stepTime();
    if (!(t > 0) || Double.isNaN(driftCost)) {
      return;
    }
    double allowed = budget * t;
    double log = driftCost + observedExtra();
    double probe = Double.isNaN(probeCost) ? 0 : probeCost;
    int l = base.logEvery();
    int k = base.probe().every();
    while (log / l + (k > 0 ? probe / k : 0) > allowed) {
      boolean widenProbe = k > 0 && probe / k >= log / l;
      if (widenProbe && k <= MAX_INTERVAL / 2) {
        k *= 2;
      } else if (l <= MAX_INTERVAL / 2) {
        l *= 2;
      } else if (k > 0 && k <= MAX_INTERVAL / 2) {
        k *= 2;
      } else {
        break; // as wide as it goes
      }
    }
    logEvery = l;
    probeEvery = k;
    long hist = (long) base.histogramEvery() * (l / base.logEvery());
    histogramEvery = (int) Math.min(hist, MAX_INTERVAL);
  }

  /** The cost so far and the intervals from step s on. */
  MeasureCost report(long s) {
    return new MeasureCost(
        s, overheadPercent(), budget * 100, logEvery, histogramEvery, probeEvery);
  }

  private static double median(double[] ring, int count) {
    double[] v = Arrays.copyOf(ring, Math.min(count, ring.length));
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
