package org.actbench.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.actbench.engine.train.MeasureCost;
import org.junit.jupiter.api.Test;

/**
 * The budget against a simulated run with known costs: plain steps of 100 ms, observed ones 5 ms
 * slower, 3 ms of drift per logged step and a probe of 1.6 s. At the settings' intervals (log 10,
 * probe 200) that is 0.8 + 8 ms per step, 8.8 % of a plain step: over a 5 % budget.
 */
class MeasurementBudgetTest {
  static final long MS = 1_000_000;

  /** Steps 1..n as {@link Instrumentation} drives the budget; the last report. */
  static MeasureCost simulate(MeasurementBudget b, int n) {
    boolean observing = true; // step 1 is always measured
    MeasureCost last = null;
    for (long s = 1; s <= n; s++) {
      if (s > 1) {
        b.stepTook(observing ? 105 * MS : 100 * MS, observing);
      }
      boolean logged = b.logged(s);
      boolean reads = logged || b.histogramAt(s);
      boolean probes = b.probeAt(s);
      b.measured(s, reads ? 3 * MS : 0, probes ? 1600 * MS : 0, reads, probes);
      if (logged) {
        last = b.report(s);
      }
      observing = b.logged(s + 1) || b.histogramAt(s + 1);
    }
    return last;
  }

  static MetricsSettings settings(Double budget, int probeEvery) {
    return new MetricsSettings(
        10, 100, 50, new ProbeSettings(probeEvery, 32, "empirical", "shared", 1e-3, 4096), budget);
  }

  @Test
  void theProbeIntervalWidensUntilTheMeasurementsFitTheBudget() {
    MeasureCost cost = simulate(new MeasurementBudget(settings(5.0, 200)), 4000);
    // 8 ms per logged step / 10 + 1600 ms / K <= 5 ms: K = 400 (doubled once), logging untouched
    assertThat(cost.probeEvery()).isEqualTo(400);
    assertThat(cost.logEvery()).isEqualTo(10);
    assertThat(cost.histogramEvery()).isEqualTo(100);
    assertThat(cost.budgetPercent()).isEqualTo(5.0);
    // measured: 11 probes and ~400 logged steps over 4000 plain steps of 100 ms, the probe at
    // step 1 (before any plain step was timed) included
    assertThat(cost.overheadPercent()).isBetween(4.5, 5.5);
  }

  @Test
  void withoutABudgetTheIntervalsStayAndTheOverheadIsStillMeasured() {
    MeasureCost cost = simulate(new MeasurementBudget(settings(null, 200)), 4000);
    assertThat(cost.probeEvery()).isEqualTo(200);
    assertThat(cost.logEvery()).isEqualTo(10);
    assertThat(cost.budgetPercent()).isNaN();
    // 21 probes (33.6 s) and ~400 logged steps (3.2 s) over 400 s of plain steps
    assertThat(cost.overheadPercent()).isBetween(8.5, 9.5);
  }

  @Test
  void aGenerousBudgetNeverMakesTheUsersIntervalsDenser() {
    MeasureCost cost = simulate(new MeasurementBudget(settings(100.0, 200)), 1000);
    assertThat(cost.probeEvery()).isEqualTo(200);
    assertThat(cost.logEvery()).isEqualTo(10);
  }

  @Test
  void aTightBudgetWidensLoggingToo() {
    MeasureCost cost = simulate(new MeasurementBudget(settings(0.5, 200)), 2000);
    // 0.5 ms per step: 8/L + 1600/K <= 0.5 with the larger term doubled first
    assertThat(8.0 / cost.logEvery() + 1600.0 / cost.probeEvery()).isLessThanOrEqualTo(0.5);
    assertThat(cost.logEvery()).isGreaterThan(10);
    assertThat(cost.logEvery() % 10).isZero(); // multiples of the user's: rows stay aligned
    assertThat(cost.probeEvery() % 200).isZero();
  }
}
