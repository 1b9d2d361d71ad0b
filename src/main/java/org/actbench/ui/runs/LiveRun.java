package org.actbench.ui.runs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.actbench.chart.Series;
import org.actbench.engine.train.EvalRecord;
import org.actbench.engine.train.StepRecord;
import org.actbench.engine.train.TrainingListener;
import org.actbench.experiment.RunQueue;
import org.actbench.experiment.RunStore;
import org.actbench.experiment.TrainSpec;
import org.actbench.metrics.BiasShiftRecord;
import org.actbench.metrics.DriftRecord;
import org.actbench.metrics.Histogram;
import org.actbench.metrics.LayerDrift;
import org.actbench.metrics.MetricsListener;

/**
 * One row of the Runs tab and its measurements as the window shows them: a run of this window
 * ({@link #run}), or a run of the store from an earlier session or the command line ({@link
 * #stored}, read-only, its files read when it is first shown).
 *
 * <p>The training thread (or the store reader) only appends records to {@link #inbox}; the FX
 * thread moves them into the series in {@link #drain}, called by the {@link LiveDoor} at most 5
 * times a second. So the scene graph is touched on the FX thread only, and never per batch.
 */
public final class LiveRun {
  private final ConcurrentLinkedQueue<Object> inbox = new ConcurrentLinkedQueue<>();
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

  /** layer → {median, q25, q75} at logged steps. */
  final Map<String, Series[]> drift = new LinkedHashMap<>();

  /**
   * Each activation layer's drift at the latest logged step (with its input and output moments).
   */
  final Map<String, LayerDrift> lastLogged = new LinkedHashMap<>();

  long lastLoggedStep;

  /** receiver layer → {ρ, cosine, norm ratio}. */
  final Map<String, Series[]> biasShift = new LinkedHashMap<>();

  List<Histogram> histograms = List.of();
  EvalRecord lastEval;

  /** What the queue table shows, updated by {@link #updateRow} on the FX thread. */
  final StringProperty status = new SimpleStringProperty("Queued");

  final StringProperty steps = new SimpleStringProperty("");
  final DoubleProperty progress = new SimpleDoubleProperty(0);
  final StringProperty elapsed = new SimpleStringProperty("");
  final StringProperty eta = new SimpleStringProperty("");
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
    elapsed.set(WorkbenchView.duration(run.elapsedSeconds()));
    eta.set(state == RunQueue.State.PAUSED ? "paused" : WorkbenchView.duration(run.etaSeconds()));
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

  public TrainingListener trainingListener() {
    return new TrainingListener() {
      @Override
      public void onStep(StepRecord step) {
        inbox.add(step);
      }

      @Override
      public void onEvaluation(EvalRecord eval) {
        inbox.add(eval);
      }
    };
  }

  public MetricsListener metricsListener() {
    return new MetricsListener() {
      @Override
      public void onDrift(DriftRecord d) {
        if (d.logged()) {
          inbox.add(d);
        }
      }

      @Override
      public void onHistograms(List<Histogram> h) {
        inbox.add(List.copyOf(h));
      }

      @Override
      public void onBiasShift(List<BiasShiftRecord> layers) {
        inbox.add(new BiasShiftBatch(List.copyOf(layers)));
      }
    };
  }

  private record BiasShiftBatch(List<BiasShiftRecord> layers) {}

  /** Hands the stored run's files, read on another thread, to the FX thread through the inbox. */
  void deliver(StoredRuns.Contents files) {
    inbox.add(files);
  }

  /** Moves everything that arrived into the series (FX thread); true if anything did. */
  @SuppressWarnings("unchecked")
  boolean drain() {
    boolean any = false;
    for (Object o; (o = inbox.poll()) != null; ) {
      any = true;
      if (o instanceof StepRecord s) {
        trainLoss.add(s.step(), s.trainLoss());
        trainAcc.add(s.step(), s.trainAcc());
      } else if (o instanceof EvalRecord e) {
        testLoss.add(e.step(), e.testLoss());
        testAcc.add(e.step(), e.testAcc());
        lastEval = e;
      } else if (o instanceof DriftRecord d) {
        networkMedian.add(d.step(), d.networkMedian());
        for (LayerDrift l : d.layers()) {
          Series[] s =
              drift.computeIfAbsent(
                  l.layer(), k -> new Series[] {new Series(), new Series(), new Series()});
          s[0].add(d.step(), l.median());
          s[1].add(d.step(), l.q25());
          s[2].add(d.step(), l.q75());
          lastLogged.put(l.layer(), l); // only logged records come in
          lastLoggedStep = d.step();
        }
      } else if (o instanceof BiasShiftBatch b) {
        for (BiasShiftRecord r : b.layers()) {
          Series[] s =
              biasShift.computeIfAbsent(
                  r.layer(), k -> new Series[] {new Series(), new Series(), new Series()});
          s[0].add(r.step(), r.rho());
          s[1].add(r.step(), r.cosine());
          s[2].add(r.step(), r.shiftRatio());
        }
      } else if (o instanceof StoredRuns.Contents f) {
        f.fill(this);
      } else if (o instanceof List<?> list) {
        histograms = (List<Histogram>) list;
      }
    }
    return any;
  }
}
