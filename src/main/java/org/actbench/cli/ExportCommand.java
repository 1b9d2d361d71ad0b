package org.actbench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.actbench.chart.Exports;
import org.actbench.experiment.RunStore;
import org.actbench.experiment.Smoothing;
import org.actbench.export.ChartKind;
import org.actbench.export.FigureExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code actbench export}: one chart of stored runs, headless, with its sidecars. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    header = "Draw charts of stored runs as PNG, SVG or PDF, with sidecars.",
    description = {
      "Draw a chart of stored runs as PNG, SVG or PDF (no display needed), and write FILE.json (runs,",
      "specs, grouping, smoothing, version, git commit, ND4J backend, the command to redo it) and",
      "FILE.csv (every value drawn). The callouts dropped on the chart in the window (kept with",
      "the runs, the explorer's with the store) are drawn too."
    })
final class ExportCommand implements Callable<Integer> {
  @Mixin StoreOptions store;
  @Spec CommandSpec spec;

  @Option(
      names = "--group-by",
      split = ",",
      description =
          "spec fields; each group is a line with its 95%% band (default: one line per run)")
  List<String> groupBy = new ArrayList<>();

  @Option(
      names = "--chart",
      description =
          "loss, accuracy, unit-means, unit-mean-heatmap, bias-shift, histogram or explorer")
  String chart;

  @Option(
      names = "--all",
      description = "every chart into the folder --out, with index.md (\"Export all\")")
  boolean all;

  @Option(
      names = "--metric",
      description = "overrides the chart's metric, e.g. natgrad_cosine for bias-shift")
  String metric;

  @Option(
      names = "--layer",
      description =
          "activation layer for per-layer charts (default: median over layers, or the first)")
  String layer;

  @Option(
      names = "--smooth",
      description =
          "none, ema:W or ma:N; the raw curve is drawn faint behind (default: ${DEFAULT-VALUE})")
  String smooth = "none";

  @Option(names = "--format", description = "png, svg or pdf (default: from --out's extension)")
  String format;

  @Option(names = "--out", required = true, description = "the figure file")
  Path out;

  @Option(names = "--width", description = "points (1/72 in) (default: ${DEFAULT-VALUE})")
  double width = 640;

  @Option(names = "--height", description = "points (default: ${DEFAULT-VALUE})")
  double height = 400;

  @Option(names = "--dpi", description = "PNG resolution (default: ${DEFAULT-VALUE})")
  int dpi = 150;

  @Option(names = "--log-y", description = "logarithmic y axis (line charts)")
  boolean logY;

  @Option(
      names = "--envelope",
      description =
          "with --smooth: the raw curve's min and max within each smoothing window, faint")
  boolean envelope;

  @Option(
      names = "--theory",
      description =
          "unit-means: each activation's expected mean for inputs ~ N(0, 1) and the zero mean,"
              + " as labelled dashed lines")
  boolean theory;

  @Option(
      names = "--paired-with",
      description =
          "line charts: each group minus this value of the first group-by field, paired by seed (e.g. relu)")
  String pairedWith;

  @Override
  public Integer call() throws Exception {
    FigureExport.Request.checkPage(width, height, dpi);
    if (all) {
      Exports.Format f = Exports.Format.parse(format != null ? format : "svg");
      List<Path> files =
          FigureExport.writeAll(
              request(ChartKind.LOSS, store.chosen(), null, f),
              out,
              why -> spec.commandLine().getErr().println("skipped " + why));
      spec.commandLine()
          .getOut()
          .println("wrote " + files.size() + " figures (+ .json, .csv) and index.md into " + out);
      store.leftOutNotes().forEach(n -> spec.commandLine().getOut().println("note: " + n));
      return 0;
    }
    if (chart == null) {
      throw new IllegalArgumentException("give --chart NAME, or --all for every chart");
    }
    ChartKind kind = ChartKind.parse(chart);
    String name = out.getFileName().toString();
    Exports.Format f =
        Exports.Format.parse(format != null ? format : name.substring(name.lastIndexOf('.') + 1));
    FigureExport.write(
        request(
            kind,
            kind == ChartKind.EXPLORER && store.runs == null ? List.of() : store.chosen(),
            metric,
            f),
        out,
        store.store());
    spec.commandLine().getOut().println("wrote " + out + " (+ .json, .csv)");
    store.leftOutNotes().forEach(n -> spec.commandLine().getOut().println("note: " + n));
    return 0;
  }

  /** The request this command's options make, for one chart kind, runs, metric and format. */
  private FigureExport.Request request(
      ChartKind kind, List<RunStore.Entry> runs, String metricName, Exports.Format f) {
    return new FigureExport.Request(
        kind,
        runs,
        groupBy,
        metricName,
        layer,
        Smoothing.parse(smooth),
        f,
        width,
        height,
        dpi,
        logY,
        pairedWith,
        envelope,
        theory);
  }
}
