package org.actbench.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToIntFunction;
import org.actbench.engine.train.MeasureCost;
import org.junit.jupiter.api.Test;

/**
 * The budget against a simulated run with known costs: plain steps of 100 ms, observed ones 5 ms
 * slower, 3 ms of drift per logged step and a probe of 1.6 s (16 plain steps). At log 10, probe 200
 * that is 0.8 + 8 ms per step, 8.8 % of a plain step: over a 5 % budget.
 */
class MeasurementBudgetTest {
  static final long MS = 1_000_000;

  /** A simulated run: what the budget reported after each step, and where it measured. */
  record Run(List<MeasureCost> reports, List<Long> logged, List<Long> probed) {
    MeasureCost last() {
      return reports.get(reports.size() - 1);
    }

    MeasureCost at(long step) {
      return reports.get((int) step - 1);
    }
  }

  /** Steps 1..n as {@link Instrumentation} drives the budget, the probe costing probeMs(step). */
  static Run simulate(MeasurementBudget b, int n, LongToIntFunction probeMs) {
    Run run = new Run(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    boolean observing = true; // step 1 is always measured
    for (long s = 1; s <= n; s++) {
      if (s > 1) {
        b.stepTook(observing ? 105 * MS : 100 * MS, observing);
      }
      boolean logged = b.logged(s);
      boolean reads = logged || b.histogramAt(s);
      boolean probes = b.probeAt(s);
      b.measured(s, reads ? 3 * MS : 0, probes ? probeMs.applyAsInt(s) * MS : 0, reads, probes);
      if (logged) {
        run.logged.add(s);
      }
      if (probes) {
        run.probed.add(s);
      }
      run.reports.add(b.report(s));
      observing = b.logged(s + 1) || b.histogramAt(s + 1);
    }
    return run;
  }

  static Run simulate(Double budget, int logEvery, int probeEvery, int n) {
    return simulate(new MeasurementBudget(settings(budget, logEvery, probeEvery), n), n, s -> 1600);
  }

  static MetricsSettings settings(Double budget, int logEvery, int probeEvery) {
    return new MetricsSettings(
        logEvery,
        100,
        50,
        new ProbeSettings(probeEvery, 32, "empirical", "shared", 1e-3, 4096),
        budget);
  }

  @Test
  void theIntervalsAreChosenAsSoonAsTheFirstCostsAndThreePlainStepsAreKnown() {
    // a probe of 400 ms (4 plain steps): every 10 steps would be 40 % of training
    MeasurementBudget b = new MeasurementBudget(settings(5.0, 10, 10), 500);
    Run run = simulate(b, 500, s -> 400);
    // step 1 is logged and probed; steps 2, 3, 4 are plain: T is known after step 4
    assertThat(b.decidedAt()).isEqualTo(4);
    assertThat(run.at(4).probeEvery()).isGreaterThan(10);
    // not a single probe at the dense interval given: 4/K + 0.08 <= 5 % gives K = 160
    assertThat(run.probed()).first().isEqualTo(1L);
    assertThat(run.probed().get(1)).isGreaterThanOrEqualTo(160);
    assertThat(run.probed().size()).isBetween(3, 4);
    assertThat(run.last().overheadPercent()).isBetween(3.5, 5.2);
  }

  @Test
  void aRunLongEnoughToAmortiseItsFirstProbeEndsWithinTheBudget() {
    for (int n : new int[] {500, 2000, 4000}) {
      Run run = simulate(5.0, 10, 10, n);
      assertThat(run.last().overheadPercent()).as("n = %d", n).isBetween(3.0, 5.2);
    }
    // the probe at step 1 alone is 16 of the 25 plain steps a 500-step run may spend, logging 4:
    // no second probe fits; in 2000 steps (100 to spend) a few more do
    assertThat(simulate(5.0, 10, 10, 500).probed()).containsExactly(1L);
    assertThat(simulate(5.0, 10, 10, 2000).probed().size()).isBetween(4, 6);
  }

  @Test
  void aRunTooShortForItsFirstProbeProbesNoMoreAndKeepsLogging() {
    Run run = simulate(5.0, 10, 10, 100);
    // 16 plain steps of probe in 99: over 5 % whatever follows; nothing else adds to it
    assertThat(run.probed()).containsExactly(1L);
    assertThat(run.logged()).contains(10L, 50L, 100L);
    assertThat(run.last().overheadPercent()).isBetween(16.0, 18.0);
  }

  @Test
  void aBudgetedRunLogsItsLastStepSoItsFilesEndWithTheOverheadItEndedAt() {
    Run run = simulate(5.0, 10, 10, 97); // intervals widened to 20 and more: none divides 97
    assertThat(run.logged()).last().isEqualTo(97L);
    assertThat(run.last().step()).isEqualTo(97);
    // fixed intervals keep rows at the same steps in every run: no extra last row
    assertThat(simulate(null, 10, 10, 97).logged()).last().isEqualTo(90L);
  }

  @Test
  void inTheSteadyStateTheProbeIntervalIsTheSmallestThatFits() {
    Run run = simulate(5.0, 10, 200, 8000);
    // 8 ms per logged step / 10 + 1600 ms / K <= 5 ms: K = 400, or 800 while the probe at
    // step 1 is still being paid back (K = 400 leaves 0.2 ms a step for it)
    assertThat(run.reports().subList(100, 8000))
        .extracting(MeasureCost::probeEvery)
        .containsOnly(400, 800)
        .contains(400);
    assertThat(run.at(4000).logEvery()).isEqualTo(10);
    assertThat(run.at(4000).histogramEvery()).isEqualTo(100);
    assertThat(run.last().budgetPercent()).isEqualTo(5.0);
    assertThat(run.last().overheadPercent()).isBetween(4.0, 5.2);
  }

  @Test
  void withoutABudgetTheIntervalsStayAndTheOverheadIsStillMeasured() {
    Run run = simulate(null, 10, 200, 4000);
    assertThat(run.last().probeEvery()).isEqualTo(200);
    assertThat(run.last().logEvery()).isEqualTo(10);
    assertThat(run.last().budgetPercent()).isNaN();
    // 21 probes (33.6 s) and ~400 logged steps (3.2 s) over 400 s of plain steps
    assertThat(run.last().overheadPercent()).isBetween(8.5, 9.5);
  }

  @Test
  void aGenerousBudgetNeverMakesTheUsersIntervalsDenser() {
    Run run = simulate(100.0, 10, 200, 1000);
    assertThat(run.reports()).allSatisfy(c -> assertThat(c.probeEvery()).isEqualTo(200));
    assertThat(run.reports()).allSatisfy(c -> assertThat(c.logEvery()).isEqualTo(10));
  }

  @Test
  void whenTheProbeGetsCheaperTheIntervalNarrowsAgainButNotBelowTheGivenOne() {
    // 1.6 s probes until step 2000, then 10 ms ones (a quieter machine)
    MeasurementBudget b = new MeasurementBudget(settings(5.0, 10, 20), 6000);
    Run run = simulate(b, 6000, s -> s < 2000 ? 1600 : 10);
    assertThat(run.at(1999).probeEvery()).isGreaterThanOrEqualTo(320);
    assertThat(run.last().probeEvery()).isEqualTo(20);
    assertThat(run.reports())
        .allSatisfy(c -> assertThat(c.probeEvery()).isGreaterThanOrEqualTo(20));
  }

  @Test
  void aTightBudgetWidensLoggingTooAndEveryMeasurementStaysAligned() {
    Run run = simulate(0.5, 10, 200, 2000);
    MeasureCost cost = run.last();
    // 0.5 ms per step: 8/L + 1600/K <= 0.5 with the larger term doubled first
    assertThat(8.0 / cost.logEvery() + 1600.0 / cost.probeEvery()).isLessThanOrEqualTo(0.5);
    assertThat(cost.logEvery()).isGreaterThan(10);
    assertThat(run.reports()).allSatisfy(c -> assertThat(c.logEvery() % 10).isZero());
    assertThat(run.reports()).allSatisfy(c -> assertThat(c.probeEvery() % 200).isZero());
    // rows where they would be at the given intervals: multiples of 10 (and step 1)
    assertThat(run.logged()).allSatisfy(s -> assertThat(s == 1 || s % 10 == 0).isTrue());
    assertThat(run.probed()).allSatisfy(s -> assertThat(s == 1 || s % 200 == 0).isTrue());
  }
}
