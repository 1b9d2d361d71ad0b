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
 * steps would have taken plain, since the run (or its resumption) began, step 1's probe included.
 *
 * <p>How it chooses (with a budget B), after every step from the moment T (three plain steps) and
 * the cost of a probe c_probe are known, so from the first few steps on, and again whenever a cost
 * changes (it may make intervals denser again when costs fall). The cost of a logged step c_log
 * counts from the first logged step after the first (whose measurement carries the JIT's warm-up;
 * until then logging counts as free):
 *
 * <ol>
 *   <li>the steady state: from the settings' intervals (the densest allowed, so a user's fixed
 *       interval is never made denser), while c_log/L + c_probe/K exceeds B·T the interval whose
 *       term is larger doubles. Doubling keeps every interval a multiple of the given one, so
 *       logged steps stay aligned; histograms widen with logging.
 *   <li>the debt: what was spent beyond B·T per step so far (above all the probe after step 1,
 *       which gives the curve its first point and c_probe, and which no run shorter than
 *       c_probe/(B·T) steps can amortise) is paid back over the steps left to the run's end. The
 *       probe alone pays it: K doubles further while c_probe/K exceeds what is left per step after
 *       logging, and no probe runs while nothing is left. Logging keeps its steady interval, so a
 *       short run still has rows; its cost is at most its share of B.
 * </ol>
 */
final class MeasurementBudget {
  /** Steps between two reports to the window while nothing is logged. */
  static final int REPORT_EVERY = 50;

  /** Plain and observed step times kept (the medians are over these). */
  private static final int WINDOW = 64;

  /** Logged steps' measurement times kept (the first ones carry the JIT's warm-up). */
  private static final int DRIFT_WINDOW = 16;

  /**
   * Probe times kept: a single slow one (a paused process, the first one's warm-up) is outvoted.
   */
  private static final int PROBE_WINDOW = 3;

  /** Plain steps before their median is T (with fewer, the observed steps' median is used). */
  static final int MIN_STEPS = 3;

  /** No interval grows past this many steps. */
  static final int MAX_INTERVAL = 1 << 20;

  private final MetricsSettings base;
  private final double budget; // fraction of training time; NaN for none
  private final long endStep; // the run's last step; 0 when unknown
  private int logEvery;
  private int histogramEvery;
  private int probeEvery;

  private final double[] plain = new double[WINDOW];
  private final double[] observed = new double[WINDOW];
  private final double[] driftCosts = new double[DRIFT_WINDOW];
  private final double[] probeCosts = new double[PROBE_WINDOW];
  private final double[] scratch = new double[WINDOW];
  private int plainCount;
  private int observedCount;
  private int driftCount;
  private int probeCount;
  private long steps; // steps with a known duration
  private long observedSteps;
  private double measuredNanos; // in the measurements themselves
  private long decidedAt = -1; // the step of the first choice; -1 before
  private long start = -1; // the first step measured (1, or the one after a resumption)

  /**
   * @param endStep the run's last step (the debt is paid back by then); 0 when unknown: then over
   *     as many steps again as have passed
   */
  MeasurementBudget(MetricsSettings settings, long endStep) {
    this.base = settings;
    this.budget = settings.measureBudget() == null ? Double.NaN : settings.measureBudget() / 100;
    this.endStep = endStep;
    this.logEvery = settings.logEvery();
    this.histogramEvery = settings.histogramEvery();
    this.probeEvery = settings.probe().every();
  }

  /** Whether step s's probe runs: every K steps in use, and after the first. */
  boolean probeAt(long s) {
    return probeEvery > 0 && (s == 1 || s % probeEvery == 0);
  }

  /**
   * Whether rows are written for step s: every L steps in use, the first, and probe steps; with a
   * budget also the run's last step, so that its files end with the overhead it ended at (the
   * intervals in use need not divide the run's length).
   */
  boolean logged(long s) {
    return s == 1 || s % logEvery == 0 || probeAt(s) || (s == endStep && !Double.isNaN(budget));
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

  /**
   * One step's measurements: the drift (and histograms) and the probe, in nanoseconds; with a
   * budget the intervals from step s + 1 on are chosen again.
   */
  void measured(long s, long driftNanos, long probeNanos, boolean drift, boolean probe) {
    measuredNanos += driftNanos + probeNanos;
    if (start < 0) {
      start = s;
    }
    if (drift && s > start) { // the first step's measurement carries the JIT's warm-up
      driftCosts[driftCount++ % DRIFT_WINDOW] = driftNanos;
    }
    if (probe) {
      probeCosts[probeCount++ % PROBE_WINDOW] = probeNanos;
    }
    if (!Double.isNaN(budget)) {
      choose(s);
    }
  }

  /** T: the median plain step (the median observed one while there are too few). */
  private double stepTime() {
    if (plainCount >= MIN_STEPS) {
      return median(plain, plainCount);
    }
    return observedCount >= MIN_STEPS ? median(observed, observedCount) : Double.NaN;
  }

  /** What an observed pass takes over a plain one (0 while either is unknown). */
  private double observedExtra() {
    if (plainCount < MIN_STEPS || observedCount == 0) {
      return 0;
    }
    return Math.max(0, median(observed, observedCount) - median(plain, plainCount));
  }

  /** Measuring time so far, the observed passes' extra included. */
  private double spentNanos() {
    return measuredNanos + observedSteps * observedExtra();
  }

  /** The overhead so far, in percent; NaN before the step time is known. */
  double overheadPercent() {
    double t = stepTime();
    if (!(t > 0) || steps == 0) {
      return Double.NaN;
    }
    return 100 * spentNanos() / (steps * t);
  }

  /** The step the intervals were first chosen after; -1 while they are the given ones. */
  long decidedAt() {
    return decidedAt;
  }

  private void choose(long s) {
    double t = stepTime();
    int k0 = base.probe().every();
    boolean probeKnown = k0 == 0 || probeCount > 0;
    if (!(t > 0) || !probeKnown) {
      return; // the given intervals until the costs are known
    }
    if (decidedAt < 0) {
      decidedAt = s;
    }
    // until a logged step after the first is timed, logging counts as free (the probe is chosen)
    double log = driftCount == 0 ? 0 : median(driftCosts, driftCount) + observedExtra();
    double probe = k0 == 0 || probeCount == 0 ? 0 : median(probeCosts, probeCount);
    double allowed = budget * t;
    int l = base.logEvery();
    int k = k0;
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
    // the debt: over the steps left, each may cost what the budget allows plus its share of what
    // is still unspent (negative when over); the probe alone pays
    long left = endStep > s ? endStep - s : Math.max(1, steps);
    double perStep = allowed + (budget * t * steps - spentNanos()) / left;
    double forProbe = perStep - log / l;
    while (k > 0 && probe / k > forProbe && k <= MAX_INTERVAL / 2) {
      k *= 2;
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

  /** The median of a ring's values, sorted in a buffer made once (it runs after every step). */
  private double median(double[] ring, int count) {
    int n = Math.min(count, ring.length);
    System.arraycopy(ring, 0, scratch, 0, n);
    Arrays.sort(scratch, 0, n);
    return n % 2 == 1 ? scratch[n / 2] : (scratch[n / 2 - 1] + scratch[n / 2]) / 2;
  }
}
