package org.actbench.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.actbench.chart.Line;
import org.actbench.chart.Palette;
import org.actbench.experiment.TrainSpec;

/**
 * How the lines of runs look, the same in the window, the Compare tab and every export: the colour
 * says the activation (fixed per activation, so ELU is blue in every chart and every session), the
 * dash says the depth (shallowest solid), and the shade tells apart the rest within one activation
 * and depth (seeds, batch norm, ...), from darker to lighter in the order given.
 */
public final class RunStyles {
  /**
   * Colour-blind-safe colours: Okabe and Ito (2008) for the paper's activations and their close
   * relatives, Paul Tol's muted and high-contrast sets for the rest.
   */
  private static final Map<String, Integer> COLOURS =
      Map.ofEntries(
          Map.entry("elu", 0xFF0072B2), // blue
          Map.entry("relu", 0xFFD55E00), // vermillion
          Map.entry("lrelu", 0xFF009E73), // bluish green
          Map.entry("srelu", 0xFFCC79A7), // reddish purple
          Map.entry("selu", 0xFFE69F00), // orange
          Map.entry("prelu", 0xFF56B4E9), // sky blue
          Map.entry("tanh", 0xFF000000), // black
          Map.entry("sigmoid", 0xFF997700), // dark yellow (Tol)
          Map.entry("softplus", 0xFF882255), // wine (Tol)
          Map.entry("gelu", 0xFF332288), // indigo (Tol)
          Map.entry("swish", 0xFF999933)); // olive (Tol)

  /** For a line that pools several activations: none of theirs. */
  public static final int MIXED = 0xFF777777;

  private RunStyles() {}

  /** A line's colour and dash. */
  public record Style(int argb, Line.Dash dash) {
    public Line apply(Line line) {
      return new Line(
          line.label(), argb, dash, line.markers(), line.series(), line.low(), line.high());
    }
  }

  /** The activation's colour ({@code elu}, {@code relu}, ...); grey for one it does not know. */
  public static int colour(String activationId) {
    return activationId == null
        ? MIXED
        : COLOURS.getOrDefault(activationId.toLowerCase(Locale.ROOT), MIXED);
  }

  /**
   * One style per line.
   *
   * @param lines the runs behind each line: one for a run, several for a group of runs
   */
  public static List<Style> of(List<List<TrainSpec>> lines) {
    List<String> activations = new ArrayList<>();
    List<Integer> depths = new ArrayList<>();
    for (List<TrainSpec> specs : lines) {
      activations.add(common(specs, s -> s.activation().id()));
      depths.add(common(specs, TrainSpec::depth));
    }
    // the depths in order (→ dash, the same depth dashed alike whatever the activation), and per
    // activation and depth its lines (→ shade)
    TreeSet<Integer> allDepths = new TreeSet<>();
    Map<String, List<Integer>> cells = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      allDepths.add(depths.get(i) == null ? -1 : depths.get(i));
      cells
          .computeIfAbsent(activations.get(i) + "/" + depths.get(i), k -> new ArrayList<>())
          .add(i);
    }
    List<Style> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      int dash = allDepths.headSet(depths.get(i) == null ? -1 : depths.get(i)).size();
      List<Integer> cell = cells.get(activations.get(i) + "/" + depths.get(i));
      int argb = Palette.shade(colour(activations.get(i)), cell.indexOf(i), cell.size());
      out.add(new Style(argb, Line.Dash.nth(dash)));
    }
    return out;
  }

  /** The value all specs share, or null if they differ (or there are none). */
  private static <T> T common(
      List<TrainSpec> specs, java.util.function.Function<TrainSpec, T> field) {
    T first = null;
    for (int i = 0; i < specs.size(); i++) {
      T v = field.apply(specs.get(i));
      if (i == 0) {
        first = v;
      } else if (!Objects.equals(first, v)) {
        return null;
      }
    }
    return first;
  }
}
