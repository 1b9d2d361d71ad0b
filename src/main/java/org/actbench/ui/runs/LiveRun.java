package org.actbench.ui.runs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.actbench.chart.Series;
import org.actbench.engine.train.EvalRecord;
import org.actbench.engine.train.StepRecord;
import org.actbench.engine.train.TrainingListener;
import org.actbench.experiment.RunQueue;
import org.actbench.metrics.BiasShiftRecord;
import org.actbench.metrics.DriftRecord;
import org.actbench.metrics.Histogram;
import org.actbench.metrics.LayerDrift;
import org.actbench.metrics.MetricsListener;

/**
 * One run's measurements as the window shows them. The training thread only appends records to
 * {@link #inbox} (through {@link #trainingListener} and {@link #metricsListener}); the FX thread
 * moves them into the series in {@link #drain}, called by the {@link LiveDoor} at most 5 times a
 * second. So the scene graph is touched on the FX thread only, and never per batch.
 */
public final class LiveRun {
  private final ConcurrentLinkedQueue<Object> inbox = new ConcurrentLinkedQueue<>();
  private RunQueue.Run run;
  private final String label;

  final Series trainLoss = new Series();
  final Series testLoss = new Series();
  final Series trainAcc = new Series();
  final Series testAcc = new Series();
  final Series networkMedian = new Series();
  /** layer → {median, q25, q75} at logged steps. */
  final Map<String, Series[]> drift = new LinkedHashMap<>();
  /** Each activation layer's drift at the latest logged step (with its input and output moments). */
  final Map<String, LayerDrift> lastLogged = new LinkedHashMap<>();
  long lastLoggedStep;
  /** receiver layer → {ρ, cosine, norm ratio}. */
  final Map<String, Series[]> biasShift = new LinkedHashMap<>();
  List<Histogram> histograms = List.of();
  EvalRecord lastEval;

  /** What the queue table shows, updated by {@link #updateRow} on the FX thread. */
  final javafx.beans.property.StringProperty status = new javafx.beans.property.SimpleStringProperty("Queued");
  final javafx.beans.property.DoubleProperty progress = new javafx.beans.property.SimpleDoubleProperty(0);
  final javafx.beans.property.StringProperty elapsed = new javafx.beans.property.SimpleStringProperty("");
  final javafx.beans.property.StringProperty eta = new javafx.beans.property.SimpleStringProperty("");

  public LiveRun(String label) {
    this.label = label;
  }

  /** Copies the run's progress into the row's properties; only changed cells redraw. */
  void updateRow() {
    if (run == null) {
      return;
    }
    String kernels = run.kernels() == null ? "" : " · " + run.kernels();
    status.set(
        run.state() == RunQueue.State.FAILED
            ? "Failed: " + run.message()
            : run.state().label() + kernels);
    progress.set((double) run.step() / run.steps());
    elapsed.set(WorkbenchView.duration(run.elapsedSeconds()));
    eta.set(WorkbenchView.duration(run.etaSeconds()));
  }

  public String label() {
    return label;
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
          Series[] s = drift.computeIfAbsent(l.layer(), k -> new Series[] {new Series(), new Series(), new Series()});
          s[0].add(d.step(), l.median());
          s[1].add(d.step(), l.q25());
          s[2].add(d.step(), l.q75());
          lastLogged.put(l.layer(), l); // only logged records come in
          lastLoggedStep = d.step();
        }
      } else if (o instanceof BiasShiftBatch b) {
        for (BiasShiftRecord r : b.layers()) {
          Series[] s = biasShift.computeIfAbsent(r.layer(), k -> new Series[] {new Series(), new Series(), new Series()});
          s[0].add(r.step(), r.rho());
          s[1].add(r.step(), r.cosine());
          s[2].add(r.step(), r.shiftRatio());
        }
      } else if (o instanceof List<?> list) {
        histograms = (List<Histogram>) list;
      }
    }
    return any;
  }
}
