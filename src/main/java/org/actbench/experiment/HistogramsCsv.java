package org.actbench.experiment;

import java.io.IOException;
import java.nio.file.Path;
import org.actbench.engine.train.Histogram;
import org.actbench.engine.train.Histograms;
import org.actbench.engine.train.TrainingEvent;
import org.actbench.engine.train.TrainingSink;

/**
 * Appends {@code histograms.csv}: {@code step,layer,bin,lo,hi,count}, one row per bin, where [lo,
 * hi) is the bin's own range (the last bin includes hi). Flushed after every histogram step.
 */
public final class HistogramsCsv implements TrainingSink, AutoCloseable {
  public static final String HEADER = "step,layer,bin,lo,hi,count";
  private final AppendFile out;

  public HistogramsCsv(Path file) throws IOException {
    this.out = CsvFiles.openForAppend(file, HEADER);
  }

  @Override
  public void accept(TrainingEvent event) {
    if (!(event instanceof Histograms histograms)) {
      return;
    }
    for (Histogram h : histograms.layers()) {
      double width = h.binWidth();
      for (int b = 0; b < h.counts().length; b++) {
        out.record(
            Long.toString(h.step()),
            h.layer(),
            Integer.toString(b),
            MetricsCsv.fmt(h.lo() + b * width),
            MetricsCsv.fmt(h.lo() + (b + 1) * width),
            Long.toString(h.counts()[b]));
      }
    }
    out.flush();
  }

  /** Forces the file to the disk (before a checkpoint); rows are written as they come. */
  void sync() {
    out.sync();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
