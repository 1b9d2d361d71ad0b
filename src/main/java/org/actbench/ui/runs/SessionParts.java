package org.actbench.ui.runs;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import org.actbench.chart.LineChart;
import org.actbench.experiment.lesson.Lesson;
import org.actbench.experiment.lesson.Lessons;

/**
 * The parts of a {@link Session} the charts and the lesson hold: taken from the window (FX thread),
 * checked (any thread, before anything changes) and put back (FX thread).
 */
final class SessionParts {
  private SessionParts() {}

  private static final Set<String> CHART_KEYS =
      Set.of("tab", "meansLayer", "biasLayer", "biasQuantity", "histLayer", "theory");

  /** The chart tab shown and the charts' choices. */
  static Map<String, String> chart(ChartChoices choices, String tab) {
    Map<String, String> chart = new LinkedHashMap<>();
    chart.put("tab", tab == null ? "" : tab);
    chart.put("meansLayer", Objects.toString(choices.meansLayer().get(), ""));
    chart.put("biasLayer", Objects.toString(choices.biasLayer().get(), ""));
    chart.put("biasQuantity", choices.biasQuantity().get().name());
    chart.put("histLayer", Objects.toString(choices.histLayer().get(), ""));
    chart.put("theory", Boolean.toString(choices.theory().get()));
    return chart;
  }

  /** A session's chart choices: known names, a bias quantity the charts have, theory a boolean. */
  static void checkChart(Map<String, String> chart) {
    for (Map.Entry<String, String> e : chart.entrySet()) {
      if (!CHART_KEYS.contains(e.getKey())) {
        throw new IllegalArgumentException(
            "at 'chart': the charts have no choice '"
                + e.getKey()
                + "' (expected "
                + CHART_KEYS
                + ")");
      }
      if (e.getValue() == null) {
        throw new IllegalArgumentException("at 'chart." + e.getKey() + "': must be text");
      }
    }
    String q = chart.get("biasQuantity");
    if (q != null
        && !q.isEmpty()
        && Arrays.stream(BiasQuantity.values()).noneMatch(b -> b.name().equals(q))) {
      throw new IllegalArgumentException(
          "at 'chart.biasQuantity': must be one of "
              + Arrays.toString(BiasQuantity.values())
              + ", got '"
              + q
              + "'");
    }
    String theory = chart.get("theory");
    if (theory != null && !Set.of("", "true", "false").contains(theory)) {
      throw new IllegalArgumentException(
          "at 'chart.theory': must be true or false, got '" + theory + "'");
    }
  }

  /** Puts the choices back (the tab is the view's). */
  static void applyChart(Map<String, String> chart, ChartChoices choices) {
    setIfGiven(chart.get("meansLayer"), choices.meansLayer());
    setIfGiven(chart.get("biasLayer"), choices.biasLayer());
    setIfGiven(chart.get("histLayer"), choices.histLayer());
    String quantity = chart.get("biasQuantity");
    if (quantity != null && !quantity.isEmpty()) {
      choices.biasQuantity().set(BiasQuantity.valueOf(quantity));
    }
    String theory = chart.get("theory");
    if (theory != null && !theory.isEmpty()) {
      choices.theory().set(Boolean.parseBoolean(theory));
    }
  }

  private static void setIfGiven(String value, ObjectProperty<String> p) {
    if (value != null && !value.isEmpty()) {
      p.set(value);
    }
  }

  /** Each line chart's zoom, by its name in {@link Session#VIEW_NAMES}. */
  static Map<String, Session.View> views(RunCharts figures) {
    Map<String, Session.View> out = new LinkedHashMap<>();
    charts(figures)
        .forEach(
            (name, chart) -> {
              double[] v = chart.view();
              out.put(
                  name,
                  v == null
                      ? Session.View.all(chart.logY(), chart.fullRange())
                      : new Session.View(v[0], v[1], chart.logY(), chart.fullRange()));
            });
    return out;
  }

  /** Zooms the charts as a session says (after the choices: a bias quantity sets its scale). */
  static void applyViews(Map<String, Session.View> views, RunCharts figures) {
    Map<String, LineChart> charts = charts(figures);
    views.forEach(
        (name, v) -> {
          LineChart chart = charts.get(name);
          chart.setLogY(v.logY());
          chart.setFullRange(v.fullRange());
          if (v.from() == null) {
            chart.resetView();
          } else {
            chart.setView(v.from(), v.to());
          }
        });
  }

  private static Map<String, LineChart> charts(RunCharts f) {
    Map<String, LineChart> charts = new LinkedHashMap<>();
    charts.put("loss", f.loss);
    charts.put("accuracy", f.accuracy);
    charts.put("unitMeans", f.means);
    charts.put("bias", f.bias);
    return charts;
  }

  /**
   * Reads the lesson a session names (any thread) and checks its step.
   *
   * @throws IllegalArgumentException "at 'lesson.FIELD': …"
   */
  static Lesson lesson(Session.LessonAt at) {
    Lesson lesson;
    try {
      lesson =
          at.bundled() != null ? Lessons.bundled(at.bundled()) : Lessons.read(Path.of(at.file()));
    } catch (RuntimeException e) { // a lesson's own errors name its file and line
      String field = at.bundled() != null ? "lesson.bundled" : "lesson.file";
      throw new IllegalArgumentException("at '" + field + "': " + e.getMessage(), e);
    }
    if (at.step() >= lesson.steps().size()) {
      throw new IllegalArgumentException(
          "at 'lesson.step': "
              + at.step()
              + ", but the lesson '"
              + lesson.title()
              + "' has steps 0 to "
              + (lesson.steps().size() - 1));
    }
    return lesson;
  }
}
