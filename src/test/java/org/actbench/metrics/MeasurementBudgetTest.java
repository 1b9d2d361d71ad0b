package org.actbench.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
    return simulate(b, n, probeMs, 3, 3);
  }

  /** The same with a row's measurement costing rowMs, a histogram step's histogramMs. */
  static Run simulate(
      MeasurementBudget b, int n, LongToIntFunction probeMs, int rowMs, int histogramMs) {
    Run run = new Run(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    boolean observing = true; // step 1 is always measured
    for (long s = 1; s <= n; s++) {
      if (s > 1) {
        b.stepTook(observing ? 105 * MS : 100 * MS, observing);
      }
      boolean logged = b.logged(s);
      boolean reads = logged || b.histogramAt(s);
      boolean probes = b.probeAt(s);
      boolean histogram = b.histogramAt(s);
      b.measured(
          s,
          reads ? (histogram ? histogramMs : rowMs) * MS : 0,
          probes ? probeMs.applyAsInt(s) * MS : 0,
          reads,
          histogram,
          probes);
      if (logged) {
        run.logged.add(s);
      }
      if (probes) {
        run.probed.add(s);
      }
      run.reports.add(b.report(s));
      observing = b.histogramAt(s + 1);
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
  void theIntervalsAreChosenAsSoonAsThreePlainStepsAreKnownAndNothingIsProbedBefore() {
    MeasurementBudget b = new MeasurementBudget(settings(5.0, 10, 10), 5000);
    Run run = simulate(b, 5000, s -> 400);
    // step 1 is logged (and, in a run this long, probed); steps 2, 3, 4 are plain: T is known
    // after step 4, and until then no probe runs at the given interval (nothing on credit)
    assertThat(b.decidedAt()).isEqualTo(4);
    assertThat(run.probed()).first().isEqualTo(1L);
    assertThat(run.probed().get(1)).isGreaterThan(4);
    // a probe of 400 ms (4 plain steps): every 10 steps would be 40 % of training; 4/K + 0.08
    // <= 5 % gives K = 160 in the steady state
    assertThat(run.at(4000).probeEvery()).isBetween(80, 320);
    assertThat(run.at(4).probeEvery()).isGreaterThan(10);
    assertThat(run.last().overheadPercent()).isBetween(4.0, 5.0);
  }

  @Test
  void noRunEndsOverItsBudgetWhateverItsLength() {
    for (int n : new int[] {4, 20, 100, 200, 239, 240, 300, 500, 1000, 1519, 1520, 2000, 4000}) {
      Run run = simulate(5.0, 10, 10, n);
      assertThat(run.last().overheadPercent()).as("n = %d", n).isLessThanOrEqualTo(5.0);
      assertThat(run.reports())
          .as("n = %d: no probe before the costs are known, step 1 aside", n)
          .allSatisfy(c -> assertThat(c.step() > 1 && c.step() < 4 && c.probes() > 1).isFalse());
    }
    // step 1 is measured where the run's whole budget holds it at the prior cost with room to
    // spare: logged from 1.5 x 1 plain steps at 5 % (30 steps), probed from 2 x (30 + 1)
    // (1,240), with its histograms (8 plain steps) from 10 x 8 (1,600)
    assertThat(simulate(5.0, 10, 10, 29).logged()).doesNotContain(1L);
    assertThat(simulate(5.0, 10, 10, 30).logged()).first().isEqualTo(1L);
    assertThat(simulate(5.0, 10, 10, 1239).probed()).doesNotContain(1L);
    assertThat(simulate(5.0, 10, 10, 1240).probed()).first().isEqualTo(1L);
    assertThat(new MeasurementBudget(settings(5.0, 10, 10), 1599).histogramAt(1)).isFalse();
    assertThat(new MeasurementBudget(settings(5.0, 10, 10), 1600).histogramAt(1)).isTrue();
    assertThat(simulate(5.0, 10, 10, 4000).probed().size()).isBetween(8, 13);
    // a run that can pay for one probe at the prior cost (1000 x 5 % = 50 plain steps) has it
    // once the budget has put its cost aside, and then knows what a probe really costs (16)
    Run mid = simulate(5.0, 10, 10, 1000);
    assertThat(mid.probed()).isNotEmpty().doesNotContain(1L);
    assertThat(mid.at(mid.probed().get(0)).probeSteps()).isCloseTo(16, within(1.0));
  }

  @Test
  void aHistogramStepPaysForAWholeHistogramEvenAtTheRunsEnd() {
    // a row every step (1 ms), histograms every 100 at 12 plain steps each, no probe: the pace
    // prices a histogram at a hundredth per row, so without a check of its own the histogram at
    // step 300 would end the run at (3 x 12 + 3 + 12) / 300 = 17 % of a 15 % budget
    MetricsSettings settings =
        new MetricsSettings(
            1, 100, 50, new ProbeSettings(0, 64, "empirical", "shared", 1e-3, 1024), 15.0);
    for (int n : new int[] {100, 200, 300, 400, 1000}) {
      Run run = simulate(new MeasurementBudget(settings, n), n, s -> 0, 1, 1200);
      assertThat(run.last().overheadPercent()).as("n = %d", n).isLessThanOrEqualTo(15.0);
    }
    Run run = simulate(new MeasurementBudget(settings, 300), 300, s -> 0, 1, 1200);
    assertThat(run.logged()).as("the last step's row comes, without its histogram").contains(300L);
  }

  @Test
  void aRunTooShortToPayForItsFirstMeasurementsHasNoneAndSaysWhatOneWouldCost() {
    // 3 steps: the step time is not known before the last one, so nothing is measured at all
    assertThat(simulate(5.0, 10, 10, 3).logged()).isEmpty();
    Run run = simulate(5.0, 10, 10, 100);
    // 100 x 5 % is 5 plain steps: less than the 30 a probe is taken to cost before one has been
    // timed, and than step 1's row with its histograms (8), but enough for step 1's row without
    // them (1.5 x 1); rows without histograms are taken to cost 0.25 plain steps plus a tenth of
    // a histogram step (4 until one is timed) each, 0.65: the budget pays for four more, from
    // step 40 at the pace's widened interval of 20, the last step among them
    assertThat(run.probed()).isEmpty();
    assertThat(run.logged()).containsExactly(1L, 40L, 60L, 80L, 100L);
    assertThat(run.last().probes()).isZero();
    assertThat(run.last().probeSteps()).isEqualTo(MeasurementBudget.PROBE_PRIOR_STEPS);
    assertThat(run.last().overheadPercent()).isBetween(0.01, 5.0);
  }

  @Test
  void aShortRunLogsWhatItsBudgetHasPaidFor() {
    // 200 x 5 % is 10 plain steps: step 1's row without histograms, and a later row is taken to
    // cost 0.65 plain steps until one has run (see above), which the pace spreads over the run
    assertThat(simulate(5.0, 10, 10, 200).logged())
        .startsWith(1L, 40L, 60L)
        .endsWith(180L, 200L)
        .hasSize(10);
    // 300 steps: step 1, then every 20 steps while a row is priced at the prior; the histogram
    // step 100 is timed (3 ms here, not the 4 plain steps taken before), and from step 200 a row
    // every 10 steps, the interval given
    Run run = simulate(5.0, 10, 10, 300);
    assertThat(run.logged()).startsWith(1L, 40L, 60L).endsWith(280L, 290L, 300L).hasSize(20);
    assertThat(run.probed()).isEmpty();
    assertThat(run.last().overheadPercent()).isBetween(0.1, 5.0);
  }

  @Test
  void aBudgetedRunLogsItsLastStepSoItsFilesEndWithTheOverheadItEndedAt() {
    Run run = simulate(5.0, 10, 10, 397); // intervals widened to 20 and more: none divides 397
    assertThat(run.logged()).last().isEqualTo(397L);
    assertThat(run.last().step()).isEqualTo(397);
    // fixed intervals keep rows at the same steps in every run: no extra last row
    assertThat(simulate(null, 10, 10, 397).logged()).last().isEqualTo(390L);
  }

  @Test
  void inTheSteadyStateTheProbeIntervalIsTheSmallestThatFits() {
    Run run = simulate(5.0, 10, 200, 8000);
    // a logged row costs 3 ms, a histogram step (every 100) 3 ms and its observed pass 5 ms:
    // 3.8 ms per row over 10 steps, and 0.38 + 1600 / K <= 4.75 ms gives K = 400 once the probe
    // at step 1 is paid back (wider until step 10 here); 200 (the densest allowed) only in the
    // last steps, spending what is left
    assertThat(run.reports().subList(100, 7000))
        .extracting(MeasureCost::probeEvery)
        .containsOnly(400);
    assertThat(run.reports().subList(7000, 8000)).extracting(MeasureCost::probeEvery).contains(200);
    assertThat(run.at(4000).logEvery()).isEqualTo(10);
    assertThat(run.at(4000).histogramEvery()).isEqualTo(100);
    assertThat(run.last().budgetPercent()).isEqualTo(5.0);
    assertThat(run.last().overheadPercent()).isBetween(4.0, 5.0);
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
