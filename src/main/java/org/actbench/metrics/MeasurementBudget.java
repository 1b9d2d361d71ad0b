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
 * <p>How it chooses (with a budget B), after every step from the moment T is known (three plain
 * steps), and again whenever a cost changes (it may make intervals denser again when costs fall).
 * The cost of a logged step c_log counts from the first logged step after the first (whose
 * measurement carries the JIT's warm-up; until then logging counts as free); the cost of a probe
 * c_probe is the median of the last three, and until one has run {@link #PROBE_PRIOR_STEPS} plain
 * steps:
 *
 * <ol>
 *   <li>the steady state: from the settings' intervals (the densest allowed, so a user's fixed
 *       interval is never made denser), while c_log/L + c_probe/K exceeds B·T the interval whose
 *       term is larger doubles. Doubling keeps every interval a multiple of the given one, so
 *       logged steps stay aligned; histograms widen with logging.
 *   <li>what is left: what was spent beyond B·T per step so far is paid back over the steps left to
 *       the run's end (and what was spent below it may be spent then). The probe pays first: K
 *       doubles further while c_probe/K exceeds what is left per step after logging; then logging,
 *       if even that is more than is left.
 *   <li>nothing on credit: a probe runs only if the run can still end within B with it, counting
 *       the logging still to come; otherwise K doubles past that step. A probe after step 1 (the
 *       net as initialised, the curve's first point) runs only where the whole run's budget holds
 *       two probes at the prior cost (B·steps ≥ 2·{@link #PROBE_PRIOR_STEPS}), since it is decided
 *       before any cost is known; shorter runs have their first probe once the budget has paid for
 *       it, or none.
 * </ol>
 */
final class MeasurementBudget {
  /** Steps between two reports to the window while nothing is logged. */
  static final int REPORT_EVERY = 50;

  /** Logged steps' measurement times kept (the first ones carry the JIT's warm-up). */
  private static final int DRIFT_WINDOW = 16;

  /**
   * Probe times kept: a single slow one (a paused process, the first one's warm-up) is outvoted.
   */
  private static final int PROBE_WINDOW = 3;

  /**
   * What a probe is taken to cost, in plain steps, until one has been timed: the dearest first
   * probe (its warm-up included) measured on the shipped nets, 13–28 plain steps
   * (docs/bias-shift.md §7), rounded up. It decides whether step 1 is probed and where the first
   * probe may go.
   */
  static final double PROBE_PRIOR_STEPS = 30;

  /**
   * The same for the probe on the step's own batch ({@link StepProbe}): about one plain step warm,
   * 6–12 for the first ones in a fresh process, which carry the JIT's work.
   */
  static final double STEP_PROBE_PRIOR_STEPS = 10;

  /**
   * What the first logged step is taken to cost, in plain steps, before it runs: with the
   * histograms of step 1, its observed pass and the JIT's warm-up, 3.5–7 plain steps on the shipped
   * nets, rounded up. It decides whether step 1 is logged; until a later histogram step has been
   * timed, one is taken to cost half of what step 1 cost.
   */
  static final double LOG_PRIOR_STEPS = 8;

  /**
   * What step 1's row costs without histograms, in plain steps: its unit means with the JIT's
   * warm-up (0.05–0.3 plain steps in a fresh process), rounded up.
   */
  static final double FIRST_ROW_PRIOR_STEPS = 1;

  /**
   * What a histogram step after the first step is taken to cost over a plain one until one has been
   * timed, in plain steps: half of {@link #LOG_PRIOR_STEPS}, as half of step 1's own cost is taken
   * where step 1 had histograms (later ones cost a half to a sixth of it).
   */
  static final double HISTOGRAM_PRIOR_STEPS = LOG_PRIOR_STEPS / 2;

  /** How many times over a run's budget must hold step 1's histograms at their prior cost. */
  static final double HISTOGRAM_FIRST_TIMES = 10;

  /**
   * What a row without histograms is taken to cost, in plain steps, until one has been timed: the
   * unit means read in place cost 0.01–0.03 plain steps on the shipped nets; a generous prior,
   * replaced by the first one timed (the step after T is known).
   */
  static final double ROW_PRIOR_STEPS = 0.25;

  /**
   * The share of the budget it plans to spend: T, the median of every plain step so far, still
   * moves as a run goes on, most in a short one whose first steps carry the JIT's warm-up (T fell
   * by up to a tenth over a default 300-step CIFAR-10 run); planning to 93 % keeps a run that ends
   * on a faster stretch within the budget (at 95 %, 2 of 13 default runs ended at 15.2 % of 15 %,
   * 2026-12-07).
   */
  static final double PLANNED = 0.93;

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

  // every plain and observed step so far: T prices everything measured since the run began, so
  // it is the median over all of it (a median of the last 64 steps swung by ±15 % within a quiet
  // 2,000-step run, of the last 512 from 43 to 31 ms as the run warmed up, and with it what the
  // run had spent: enough to end a run planned to 4.75 % at 5.1–5.7 %)
  private final DurationMedian plain = new DurationMedian();
  private final DurationMedian observed = new DurationMedian();
  private final double[] driftCosts = new double[DRIFT_WINDOW]; // rows without histograms
  private final double[] histogramCosts = new double[DRIFT_WINDOW]; // rows with them
  private final double[] probeCosts = new double[PROBE_WINDOW];
  private final double[] scratch = new double[DRIFT_WINDOW];
  private double stepTime = Double.NaN; // T, from the step times above
  private double observedExtra; // what an observed pass takes over T
  private boolean stepsAdded; // since T and the extra were last worked out
  private int driftCount;
  private int histogramCount;
  private int probeCount; // probes since the run (or its resumption) began
  private long steps; // steps with a known duration
  private long observedSteps;
  private double measuredNanos; // in the measurements themselves
  private long decidedAt = -1; // the step of the first choice; -1 before
  private long start = -1; // the first step measured (1, or the one after a resumption)
  private final boolean probeFirst; // whether step 1 is probed
  private final boolean logFirst; // whether step 1 is logged
  private final boolean histogramFirst; // whether step 1's row has histograms
  private boolean logLast; // with a budget, whether the run's last step is logged
  private double firstDrift = Double.NaN; // the first logged step's measurement (its warm-up)

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
    // step 1 is measured before any cost is known: its histograms only where the whole run's
    // budget holds them ten times over (in a fresh process they cost a fifth of a default
    // 300-step run's budget, and the first ones come at the histogram interval anyway); probed
    // only where it holds the probe and its row twice at the prior cost, so that paying for them
    // leaves as much again; logged where it holds the row and half as much again
    this.histogramFirst = affords(HISTOGRAM_FIRST_TIMES * LOG_PRIOR_STEPS);
    double firstRow = histogramFirst ? LOG_PRIOR_STEPS : FIRST_ROW_PRIOR_STEPS;
    this.probeFirst = affords(2 * (probePrior() + firstRow));
    this.logFirst = affords(1.5 * firstRow);
    this.logLast = !Double.isNaN(budget);
  }

  /** What a probe is taken to cost until one has been timed, in plain steps. */
  private double probePrior() {
    return base.probe().onStep() ? STEP_PROBE_PRIOR_STEPS : PROBE_PRIOR_STEPS;
  }

  private boolean affords(double plainSteps) {
    return Double.isNaN(budget) || (endStep > 0 && budget * endStep >= plainSteps);
  }

  /**
   * Whether step s's probe runs: every K steps in use, and after the first; with a budget none
   * before the costs are known, and after the first only in a run long enough to pay for it.
   */
  boolean probeAt(long s) {
    if (probeEvery == 0) {
      return false;
    }
    if (s == 1) {
      return probeFirst;
    }
    return decided() && s % probeEvery == 0;
  }

  /**
   * Whether measurements after step 1 may run: always without a budget, with one once T is known.
   */
  private boolean decided() {
    return Double.isNaN(budget) || decidedAt >= 0;
  }

  /**
   * Whether rows are written for step s: every L steps in use, the first, and probe steps; with a
   * budget also the run's last step, so that its files end with the overhead it ended at (the
   * intervals in use need not divide the run's length), if the budget holds it.
   */
  boolean logged(long s) {
    if (s == 1) {
      return logFirst || probeAt(1);
    }
    return (decided() && (s % logEvery == 0 || (s == endStep && logLast))) || probeAt(s);
  }

  boolean histogramAt(long s) {
    return histogramEvery > 0
        && ((s == 1 && histogramFirst && logged(1)) || (decided() && s % histogramEvery == 0));
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
      observed.add(nanos);
    } else {
      plain.add(nanos);
    }
    stepsAdded = true;
  }

  /**
   * One step's measurements: the drift (and histograms) and the probe, in nanoseconds; with a
   * budget the intervals from step s + 1 on are chosen again.
   *
   * @param histogram whether the drift measurement included the histograms (and its pass was
   *     observed)
   */
  void measured(
      long s, long driftNanos, long probeNanos, boolean drift, boolean histogram, boolean probe) {
    measuredNanos += driftNanos + probeNanos;
    if (start < 0) {
      start = s;
    }
    if (drift && s > start) { // the first step's measurement carries the JIT's warm-up
      if (histogram) {
        histogramCosts[histogramCount++ % DRIFT_WINDOW] = driftNanos;
      } else {
        driftCosts[driftCount++ % DRIFT_WINDOW] = driftNanos;
      }
    } else if (drift && histogram) { // a first row without histograms says nothing of theirs
      firstDrift = driftNanos;
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
    updateStepTimes();
    return stepTime;
  }

  /** What an observed pass takes over a plain one (0 while either is unknown). */
  private double observedExtra() {
    updateStepTimes();
    return observedExtra;
  }

  /**
   * T and the observed passes' extra, again once a step has been added since (a run without a
   * budget asks only when it reports, every 50 steps or so, not after every step).
   */
  private void updateStepTimes() {
    if (!stepsAdded) {
      return;
    }
    stepsAdded = false;
    double plainMedian = plain.count() >= MIN_STEPS ? plain.median() : Double.NaN;
    double observedMedian = observed.median();
    stepTime =
        plain.count() >= MIN_STEPS
            ? plainMedian
            : observed.count() >= MIN_STEPS ? observedMedian : Double.NaN;
    observedExtra =
        plain.count() < MIN_STEPS || observed.count() == 0
            ? 0
            : Math.max(0, observedMedian - plainMedian);
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

  /**
   * A logged step's cost in nanoseconds, its share of a histogram step included: a row (the median
   * of the last ones without histograms, the prior before any) plus, per row, L₀/H₀ of a histogram
   * step and its slower observed pass (histograms widen with logging, so the share stays). A
   * histogram step costs the median of the last ones after the first; until then half the first
   * (its warm-up included: later ones cost a half to a sixth of it on the shipped nets); the prior
   * before any.
   */
  private double logCost(double t) {
    int h = base.histogramEvery();
    double perRow = h == 0 ? 0 : Math.min(1, (double) base.logEvery() / h);
    return rowCost(t) + histogramCost(t) * perRow;
  }

  /** A row without histograms: the median of the last ones, the prior before any. */
  private double rowCost(double t) {
    return driftCount > 0 ? median(driftCosts, driftCount) : ROW_PRIOR_STEPS * t;
  }

  /** What a histogram step costs over a row, its slower observed pass included. */
  private double histogramCost(double t) {
    double histogram =
        histogramCount > 0
            ? median(histogramCosts, histogramCount)
            : Double.isNaN(firstDrift) ? HISTOGRAM_PRIOR_STEPS * t : firstDrift / 2;
    return histogram + observedExtra();
  }

  /** A probe's cost in nanoseconds: the median of the last ones, or the prior before any. */
  private double probeCost(double t) {
    return probeCount == 0 ? probePrior() * t : median(probeCosts, probeCount);
  }

  private void choose(long s) {
    double t = stepTime();
    if (!(t > 0)) {
      return; // the given intervals until the step time is known (and no probe after step 1)
    }
    if (decidedAt < 0) {
      decidedAt = s;
    }
    int k0 = base.probe().every();
    double log = logCost(t);
    double probe = k0 == 0 ? 0 : probeCost(t);
    double share = PLANNED * budget;
    double allowed = share * t;
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
    // what is left: over the steps left, each may cost what the budget allows plus its share of
    // what is still unspent (negative when over). The probe's interval is the densest that fits in
    // it after logging (narrower than the steady state's while there is something to spend, wider
    // while there is a debt); logging gives way only if even no probe leaves too little.
    long end = endStep > s ? endStep : s + Math.max(1, steps);
    long left = end - s;
    double lastRow = endStep > s ? log : 0; // the run's last step is logged whatever the interval
    double perStep = allowed + (share * t * steps - spentNanos() - lastRow) / left;
    if (k > 0) {
      k = k0;
      while (probe / k > perStep - log / l && k <= MAX_INTERVAL / 2) {
        k *= 2;
      }
    }
    while (log / l > perStep && l <= MAX_INTERVAL / 2) {
      l *= 2;
    }
    // nothing on credit: the next step measures only if the run can still end within the budget
    // with it and with the last step's row (every later measurement is decided here in its turn)
    long next = s + 1;
    double total = share * t * (steps + left); // what the whole run plans to spend
    double after = next == endStep ? 0 : lastRow;
    if (k > 0 && next % k == 0) {
      while (spentNanos() + probe + log + after > total && next % k == 0 && k <= MAX_INTERVAL / 2) {
        k *= 2;
      }
    }
    boolean probesNext = k > 0 && next % k == 0;
    // the last row may use the whole budget: nothing is priced again after it; a row before it
    // keeps nothing back for it (the pace above does), so that a short run's rows come while it
    // trains rather than one at its end
    double limit = next == endStep ? total / PLANNED : total;
    if (!probesNext && spentNanos() + log > limit) {
      while (next % l == 0 && l <= MAX_INTERVAL / 2) {
        l *= 2;
      }
      if (next == endStep) {
        logLast = false;
      }
    }
    logEvery = l;
    probeEvery = k;
    long hist = (long) base.histogramEvery() * (l / base.logEvery());
    histogramEvery = (int) Math.min(hist, MAX_INTERVAL);
    // the pace above prices a histogram as its share per row; the step that takes one pays all of
    // it, and runs only if the run can still end within the budget with it (else its row comes
    // without; a run's last step was the one that ended runs past their budget)
    if (histogramEvery > 0 && next % histogramEvery == 0 && logged(next)) {
      double cost = (probesNext ? probe : 0) + rowCost(t) + histogramCost(t) + after;
      while (spentNanos() + cost > limit
          && next % histogramEvery == 0
          && histogramEvery <= MAX_INTERVAL / 2) {
        histogramEvery *= 2;
      }
    }
  }

  /** The cost so far and the intervals from step s on. */
  MeasureCost report(long s) {
    double t = stepTime();
    return new MeasureCost(
        s,
        overheadPercent(),
        budget * 100,
        logEvery,
        histogramEvery,
        probeEvery,
        probeCount,
        t > 0 && probeEvery > 0 ? probeCost(t) / t : Double.NaN);
  }

  /** The median of a ring's values, sorted in a buffer made once (it runs after every step). */
  private double median(double[] ring, int count) {
    int n = Math.min(count, ring.length);
    System.arraycopy(ring, 0, scratch, 0, n);
    Arrays.sort(scratch, 0, n);
    return n % 2 == 1 ? scratch[n / 2] : (scratch[n / 2 - 1] + scratch[n / 2]) / 2;
  }
}
