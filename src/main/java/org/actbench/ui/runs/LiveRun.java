package org.actbench.ui.runs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.actbench.chart.Series;
import org.actbench.engine.train.BiasShift;
import org.actbench.engine.train.BiasShiftRecord;
import org.actbench.engine.train.DriftRecord;
import org.actbench.engine.train.EvalRecord;
import org.actbench.engine.train.Histogram;
import org.actbench.engine.train.Histograms;
import org.actbench.engine.train.LayerDrift;
import org.actbench.engine.train.MeasureCost;
import org.actbench.engine.train.SettingChange;
import org.actbench.engine.train.Snapshot;
import org.actbench.engine.train.StepRecord;
import org.actbench.engine.train.TrainingEvent;
import org.actbench.engine.train.TrainingSink;
import org.actbench.experiment.RunQueue;
import org.actbench.experiment.RunStore;
import org.actbench.experiment.TrainSpec;

/**
 * One row of the Runs tab and its measurements as the window shows them: a run of this window
 * ({@link #run}), or a run of the store from an earlier session or the command line ({@link
 * #stored}, read-only, its files read when it is first shown).
 *
 * <p>It is its run's {@link TrainingSink}: the training thread (or the store reader) only puts
 * events into the row's inbox, one queue per kind; the FX thread moves them into the typed series
 * in {@link #drain}, called by the {@link LiveDoor} at most 5 times a second. So the scene graph is
 * touched on the FX thread only, and never per batch.
 */
public final class LiveRun implements TrainingSink {
  /** A layer's unit means at logged steps: the median with its quartile band. */
  record DriftSeries(Series median, Series q25, Series q75) {
    DriftSeries() {
      this(new Series(), new Series(), new Series());
    }
  }

  /**
   * A receiving layer's bias shift at probe steps; 1 − ρ beside ρ, since ρ sits near 1 and what
   * separates activations is how near (docs/bias-shift.md).
   */
  record BiasSeries(
      Series rho, Series cosine, Series normRatio, Series oneMinusRho, Series muNorm) {
    BiasSeries() {
      this(new Series(), new Series(), new Series(), new Series(), new Series());
    }

    void add(double step, double rho, double cosine, double normRatio, double muNorm) {
      this.rho.add(step, rho);
      this.cosine.add(step, cosine);
      this.normRatio.add(step, normRatio);
      this.oneMinusRho.add(step, 1 - rho);
      this.muNorm.add(step, muNorm);
    }
  }

  // the inbox: written on the training thread (or the store reader), read on the FX thread
  private final Queue<StepRecord> newSteps = new ConcurrentLinkedQueue<>();
  private final Queue<EvalRecord> newEvaluations = new ConcurrentLinkedQueue<>();
  private final Queue<DriftRecord> newDrifts = new ConcurrentLinkedQueue<>();
  private final Queue<BiasShift> newBiasShifts = new ConcurrentLinkedQueue<>();
  private final Queue<SettingChange> newChanges = new ConcurrentLinkedQueue<>();
  private final AtomicReference<Histograms> newHistograms = new AtomicReference<>(); // latest wins
  private final AtomicReference<StoredRuns.Contents> storedFiles = new AtomicReference<>();

  private final String label;
  private final TrainSpec spec;
  private final RunStore.Entry stored;
  private RunQueue.Run run;

  /** The dataset's class names (set when the data is read), for the confusion matrix. */
  volatile List<String> classNames = List.of();

  boolean storedRead; // FX thread: its files were asked for

  final Series trainLoss = new Series();
  final Series testLoss = new Series();
  final Series trainAcc = new Series();
  final Series testAcc = new Series();
  final Series networkMedian = new Series();

  /** Per activation layer, in the network's order. */
  final Map<String, DriftSeries> drift = new LinkedHashMap<>();

  /**
   * Each activation layer's drift at the latest step with its input and output moments (a histogram
   * step: the rows between have unit means only).
   */
  final Map<String, LayerDrift> lastMoments = new LinkedHashMap<>();

  long lastMomentsStep;

  /** Live changes of its learning rate and momentum, marked on every chart. */
  final List<SettingChange> changes = new ArrayList<>();

  /** Per receiving layer (the conv or dense layer the activation's units feed). */
  final Map<String, BiasSeries> biasShift = new LinkedHashMap<>();

  List<Histogram> histograms = List.of();
  EvalRecord lastEval;

  /** What the queue table shows, updated by {@link #updateRow} on the FX thread. */
  final StringProperty status = new SimpleStringProperty("Queued");

  final StringProperty steps = new SimpleStringProperty("");
  final DoubleProperty progress = new SimpleDoubleProperty(0);
  final StringProperty elapsed = new SimpleStringProperty("");
  final StringProperty eta = new SimpleStringProperty("");

  /**
   * What its measurements cost so far against plain steps, e.g. "3.8 %" (the column says Measure),
   * with the budget where one is kept: "3.8 % of 5".
   */
  final StringProperty measure = new SimpleStringProperty("");

  private volatile MeasureCost lastCost; // from the training thread

  /** What runs its layers (onednn or nd4j): the spec's choice until the run says what ran. */
  final StringProperty kernels = new SimpleStringProperty("");

  private LiveRun(String label, TrainSpec spec, RunStore.Entry stored) {
    this.label = label;
    this.spec = spec;
    this.stored = stored;
  }

  /** A run queued in this window; {@link #attach} gives it its place in the queue. */
  public static LiveRun queued(String label, TrainSpec spec) {
    return new LiveRun(label, spec, null);
  }

  /** A run of the store, shown read-only with its state. */
  public static LiveRun stored(RunStore.Entry entry) {
    LiveRun r = new LiveRun(entry.displayName(), entry.spec(), entry);
    String state = entry.state();
    r.status.set(state.substring(0, 1).toUpperCase(Locale.ROOT) + state.substring(1) + " (stored)");
    r.steps.set(entry.steps() + " / " + entry.spec().steps());
    r.progress.set((double) entry.steps() / entry.spec().steps());
    r.kernels.set(entry.spec().kernels().id());
    return r;
  }

  /** Copies the run's progress into the row's properties; only changed cells redraw. */
  void updateRow() {
    if (run == null) {
      return;
    }
    RunQueue.State state = run.state();
    status.set(state == RunQueue.State.FAILED ? "Failed: " + run.message() : state.label());
    kernels.set(run.kernels() == null ? "" : run.kernels());
    steps.set(run.step() + " / " + run.steps());
    progress.set((double) run.step() / run.steps());
    elapsed.set(Durations.clock(run.elapsedSeconds()));
    eta.set(state == RunQueue.State.PAUSED ? "paused" : Durations.clock(run.etaSeconds()));
    MeasureCost c = lastCost;
    if (c != null && !Double.isNaN(c.overheadPercent())) {
      measure.set(
          Double.isNaN(c.budgetPercent())
              ? String.format(Locale.ROOT, "%.1f %%", c.overheadPercent())
              : String.format(
                  Locale.ROOT,
                  "%.1f %% of %s",
                  c.overheadPercent(),
                  org.actbench.chart.Ticks.format(c.budgetPercent())));
    }
  }

  /**
   * Why a run has no bias-shift probe yet when its measurement budget is what holds it back (the
   * budget runs no probe it has not put aside the cost of), for the charts' empty text; null when
   * it has one, keeps no budget or has not reported.
   */
  String probeWait() {
    MeasureCost c = lastCost;
    if (c == null || Double.isNaN(c.budgetPercent()) || c.probes() > 0 || !(c.probeSteps() > 0)) {
      return null;
    }
    return String.format(
        Locale.ROOT,
        "no probe yet: the %s %% measurement budget has not paid for one (~%.0f steps)",
        org.actbench.chart.Ticks.format(c.budgetPercent()),
        c.probeSteps());
  }

  /**
   * What the histogram chart says while a run has none: where the next comes (a short run's budget
   * leaves step 1 without them, MeasurementBudget); null before a report or once one came.
   */
  String histogramWait() {
    MeasureCost c = lastCost;
    if (c == null || !histograms.isEmpty() || c.histogramEvery() <= 0) {
      return null;
    }
    long next = (c.step() / c.histogramEvery() + 1) * c.histogramEvery();
    return next > spec.steps()
        ? "no histogram in this run: the measurement budget takes one every "
            + c.histogramEvery()
            + " steps"
        : "no histogram yet: the next comes at step " + next;
  }

  /**
   * What the unit-means chart says while a budgeted run has no row: how often its budget lets it
   * log (a short run may log only at its end); null without a budget or a report.
   */
  String rowWait() {
    MeasureCost c = lastCost;
    if (c == null || Double.isNaN(c.budgetPercent())) {
      return null;
    }
    String budget = org.actbench.chart.Ticks.format(c.budgetPercent());
    return c.logEvery() > spec.steps()
        ? "no row yet: the " + budget + " % measurement budget has not paid for one"
        : String.format(
            Locale.ROOT,
            "no row yet: the %s %% measurement budget logs every %d steps here",
            budget,
            c.logEvery());
  }

  public String label() {
    return label;
  }

  public TrainSpec spec() {
    return spec;
  }

  /** The stored run this row shows, or null for a run of this window. */
  public RunStore.Entry stored() {
    return stored;
  }

  void attach(RunQueue.Run run) {
    this.run = run;
  }

  public RunQueue.Run run() {
    return run;
  }

  /** On the training thread: keeps what the window shows, by kind, for the FX thread. */
  @Override
  public void accept(TrainingEvent event) {
    if (event instanceof StepRecord s) {
      newSteps.add(s);
    } else if (event instanceof EvalRecord e) {
      newEvaluations.add(e);
    } else if (event instanceof DriftRecord d && d.logged()) {
      newDrifts.add(d);
    } else if (event instanceof BiasShift b) {
      newBiasShifts.add(b);
    } else if (event instanceof Histograms h) {
      newHistograms.set(h);
    } else if (event instanceof SettingChange c) {
      newChanges.add(c);
    } else if (event instanceof MeasureCost c) {
      lastCost = c;
    }
  }

  /**
   * The run's state as the training thread copied it when the activation maps asked ({@link
   * #askForState}), the latest drained (FX thread); null: none yet.
   */
  Snapshot liveState;

  /** Asks the training thread for a copy of its state at its next step end (FX thread). */
  void askForState() {
    if (run != null && !run.state().isDone()) {
      run.stateOnRequest().ask();
    }
  }

  /** Hands the stored run's files, read on another thread, to the FX thread. */
  void deliver(StoredRuns.Contents files) {
    storedFiles.set(files);
  }

  /** Moves everything that arrived into the series (FX thread); true if anything did. */
  boolean drain() {
    boolean any = false;
    for (StepRecord s; (s = newSteps.poll()) != null; any = true) {
      trainLoss.add(s.step(), s.trainLoss());
      trainAcc.add(s.step(), s.trainAcc());
    }
    for (EvalRecord e; (e = newEvaluations.poll()) != null; any = true) {
      testLoss.add(e.step(), e.testLoss());
      testAcc.add(e.step(), e.testAcc());
      lastEval = e;
    }
    for (DriftRecord d; (d = newDrifts.poll()) != null; any = true) {
      networkMedian.add(d.step(), d.networkMedian());
      for (LayerDrift l : d.layers()) {
        DriftSeries s = drift.computeIfAbsent(l.layer(), k -> new DriftSeries());
        s.median().add(d.step(), l.median());
        s.q25().add(d.step(), l.q25());
        s.q75().add(d.step(), l.q75());
        if (!Double.isNaN(l.output().mean())) { // histogram steps: rows between have no moments
          lastMoments.put(l.layer(), l);
          lastMomentsStep = d.step();
        }
      }
    }
    for (BiasShift b; (b = newBiasShifts.poll()) != null; any = true) {
      for (BiasShiftRecord r : b.layers()) {
        BiasSeries s = biasShift.computeIfAbsent(r.layer(), k -> new BiasSeries());
        s.add(r.step(), r.rho(), r.cosine(), r.shiftRatio(), r.muNorm());
      }
    }
    for (SettingChange c; (c = newChanges.poll()) != null; any = true) {
      changes.add(c);
    }
    Histograms h = newHistograms.getAndSet(null);
    if (h != null) {
      histograms = h.layers();
      any = true;
    }
    Snapshot state = run == null ? null : run.stateOnRequest().take();
    if (state != null) {
      liveState = state;
      any = true;
    }
    StoredRuns.Contents files = storedFiles.getAndSet(null);
    if (files != null) {
      files.fill(this);
      any = true;
    }
    return any;
  }
}
