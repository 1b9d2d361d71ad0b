package org.actbench.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.actbench.engine.train.EvalRecord;
import org.actbench.engine.train.RunResult;
import org.actbench.engine.train.StepRecord;
import org.actbench.engine.train.TrainingEvent;
import org.actbench.engine.train.TrainingSink;

/**
 * Appends {@code metrics.csv}: one row per step, {@code step,epoch,train_loss,train_acc,test_loss,
 * test_acc,lr,seconds}, test columns filled at evaluation steps. A row is written when the next
 * step starts (so an evaluation lands in its step's row) and flushed every {@code flushEvery} rows,
 * so a crash loses at most that many.
 */
public final class MetricsCsv implements TrainingSink, AutoCloseable {
  public static final String HEADER =
      "step,epoch,train_loss,train_acc,test_loss,test_acc,lr,seconds";
  private final AppendFile out;
  private final int flushEvery;
  private StepRecord pending;
  private EvalRecord pendingEval;
  private int unflushed;

  public MetricsCsv(Path file, int flushEvery) throws IOException {
    this.out = CsvFiles.openForAppend(file, HEADER);
    this.flushEvery = flushEvery;
  }

  /** Steps and evaluations; the end writes the last row and flushes. */
  @Override
  public void accept(TrainingEvent event) {
    if (event instanceof StepRecord step) {
      writePending();
      pending = step;
    } else if (event instanceof EvalRecord eval) {
      pendingEval = eval;
    } else if (event instanceof RunResult) {
      writePending();
      flush();
    }
  }

  private void writePending() {
    if (pending == null) {
      return;
    }
    StepRecord s = pending;
    EvalRecord e = pendingEval != null && pendingEval.step() == s.step() ? pendingEval : null;
    out.record(
        Long.toString(s.step()),
        Integer.toString(s.epoch()),
        fmt(s.trainLoss()),
        fmt(s.trainAcc()),
        e == null ? "" : fmt(e.testLoss()),
        e == null ? "" : fmt(e.testAcc()),
        fmt(s.lr()),
        String.format(Locale.ROOT, "%.3f", s.seconds()));
    pending = null;
    if (++unflushed >= flushEvery) {
      flush();
    }
  }

  private void flush() {
    out.flush();
    unflushed = 0;
  }

  /** Writes every row up to the last step and forces the file to the disk (before a checkpoint). */
  void sync() {
    writePending();
    out.sync();
    unflushed = 0;
  }

  /** A cell: 6 significant digits, empty for NaN (not measured there). */
  public static String fmt(double v) {
    return Double.isNaN(v) ? "" : SixDigits.format(v); // %.6g, without the Formatter's cost
  }

  /** A step (or other x): a whole number as such, anything else as {@link #fmt}. */
  public static String fmtStep(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : fmt(v);
  }

  @Override
  public void close() throws IOException {
    writePending();
    out.close();
  }
}
