package org.actbench.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.actbench.chart.Callout;
import org.actbench.experiment.Annotations;
import org.actbench.experiment.Annotations.Note;
import org.actbench.experiment.RunStore;

/**
 * Where the callouts of a chart of stored runs (the Compare tab's, {@code actbench export}'s) are
 * kept, and which ones it draws.
 *
 * <p>A callout belongs to a run: it is kept in the run's {@value Annotations#FILE} under a key that
 * names what the chart plots ({@link #key}). A chart that plots what a Runs-tab chart plots (loss,
 * accuracy, a layer's median unit mean, all with the chart's own metric and no difference to a
 * baseline) uses that chart's key, so a callout dropped in the Runs tab is in the comparison and in
 * the command line's export, and the other way round. Grouping and smoothing do not change the key
 * (the point means the same step and value); a difference to a baseline ({@code Minus}, {@code
 * --paired-with}) does. On a comparison a new callout is kept with the first run of the group whose
 * line was nearest, and is drawn whenever that run is compared.
 *
 * <p>The explorer plots functions, not runs: its callouts are kept in the store's own folder (the
 * store's {@value Annotations#FILE}, beside the run folders), under {@value #EXPLORER}.
 */
public final class ChartCallouts {
  /** The explorer's key. */
  public static final String EXPLORER = "explorer";

  private ChartCallouts() {}

  /** The key the request's chart keeps its callouts under, e.g. {@code unit-means:network}. */
  public static String key(FigureExport.Request r) {
    ChartKind chart = r.chart();
    String own = chart.defaultMetric();
    boolean plain = (r.metric() == null || r.metric().equals(own)) && r.pairedWith() == null;
    String minus = r.pairedWith() == null ? "" : ":minus-" + r.pairedWith();
    String layer = r.layer() == null ? "network" : r.layer();
    return switch (chart) {
      case EXPLORER -> EXPLORER;
      case LOSS, ACCURACY -> plain ? chart.id() : chart.id() + ":" + metric(r) + minus;
      case UNIT_MEANS ->
          plain ? "unit-means:" + layer : "unit-means:" + layer + ":" + metric(r) + minus;
      case BIAS_SHIFT, UNIT_MEAN_HEATMAP ->
          chart.id() + ":" + (r.layer() == null ? "" : r.layer()) + ":" + metric(r) + minus;
      case HISTOGRAM -> "histogram:" + (r.layer() == null ? "" : r.layer());
    };
  }

  private static String metric(FigureExport.Request r) {
    return r.metric() != null ? r.metric() : r.chart().defaultMetric();
  }

  /**
   * The callouts the request's chart draws: those of its runs under its key, and the explorer's
   * from {@code store}'s folder (null: the folder holding its runs, if any). A damaged annotations
   * file is left out (the Runs tab says so); the same note kept twice is drawn once.
   */
  public static List<Callout> of(FigureExport.Request r, Path store) {
    return read(folders(r, store), key(r));
  }

  /** The callouts kept under {@code key} in these folders, each once. */
  public static List<Callout> read(List<Path> folders, String key) {
    List<Callout> out = new ArrayList<>();
    for (Path dir : folders) {
      for (Note n : Annotations.read(dir).notes()) {
        Callout c = new Callout(n.x(), n.y(), n.text());
        if (n.chart().equals(key) && !out.contains(c)) {
          out.add(c);
        }
      }
    }
    return out;
  }

  /** Where the request's chart keeps its callouts: its runs' folders, or the explorer's. */
  private static List<Path> folders(FigureExport.Request r, Path store) {
    if (r.chart() == ChartKind.EXPLORER) {
      Path where = store != null ? store : storeOf(r);
      return where == null ? List.of() : List.of(where);
    }
    return r.runs().stream().map(RunStore.Entry::dir).toList();
  }

  /**
   * The folder a new callout on the request's chart is kept in: the store's for the explorer, else
   * the first run of the group whose line ({@code near}, a legend label, or null) it was dropped
   * by, else the first run compared; null if there is none.
   */
  public static Path owner(FigureExport.Request r, Path store, String near) {
    if (r.chart() == ChartKind.EXPLORER) {
      return store;
    }
    if (r.runs().isEmpty()) {
      return null;
    }
    RunStore.Entry first = r.runs().get(0);
    String metric = metric(r);
    if (near == null || metric == null || !r.chart().isLineChart()) {
      return first.dir();
    }
    return FigureExport.comparison(r, metric).groups().stream()
        .filter(g -> !g.runs().isEmpty() && near.startsWith(g.label()))
        .max(Comparator.comparingInt(g -> g.label().length()))
        .map(g -> g.runs().get(0))
        .orElse(first)
        .dir();
  }

  /** The folder holding the request's runs, or null without runs. */
  private static Path storeOf(FigureExport.Request r) {
    return r.runs().isEmpty() ? null : r.runs().get(0).dir().toAbsolutePath().getParent();
  }

  /** Keeps a new callout on the request's chart (see {@link #owner}); returns where. */
  public static Path add(FigureExport.Request r, Path store, String near, Callout c)
      throws IOException {
    Path dir = owner(r, store, near);
    if (dir == null) {
      throw new IllegalArgumentException("a callout needs a run: select one");
    }
    Annotations.add(dir, new Note(key(r), c.x(), c.y(), c.text()));
    return dir;
  }

  /** Removes the callout from every folder of the request's chart that keeps it. */
  public static void remove(FigureExport.Request r, Path store, Callout c) throws IOException {
    remove(folders(r, store), key(r), c);
  }

  /** Removes the callout kept under {@code key} from every one of these folders that has it. */
  public static void remove(List<Path> folders, String key, Callout c) throws IOException {
    for (Path dir : folders) {
      for (Note n : Annotations.read(dir).notes()) {
        if (n.chart().equals(key)
            && n.x() == c.x()
            && n.y() == c.y()
            && n.text().equals(c.text())) {
          Annotations.remove(dir, n);
        }
      }
    }
  }
}
