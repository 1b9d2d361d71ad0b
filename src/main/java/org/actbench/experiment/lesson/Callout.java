package org.actbench.experiment.lesson;

import org.actbench.engine.InvalidField;

/**
 * What to look at: a highlighted region of a chart, steps {@code from} to {@code to} and, when
 * given, values {@code low} to {@code high} (else the plot's full height), with a short text beside
 * it.
 */
public record Callout(
    LessonChart chart, double from, double to, Double low, Double high, String text) {
  public Callout {
    InvalidField.check(chart != null, "chart", "is needed (which chart the callout is on)");
    InvalidField.finiteIn(from, 0, Double.MAX_VALUE, "from");
    InvalidField.finiteIn(to, from, Double.MAX_VALUE, "to");
    InvalidField.check((low == null) == (high == null), "low", "and high go together");
    if (low != null) {
      InvalidField.finiteIn(low, -Double.MAX_VALUE, Double.MAX_VALUE, "low");
      InvalidField.finiteIn(high, low, Double.MAX_VALUE, "high");
    }
    InvalidField.check(text != null && !text.isBlank(), "text", "is needed");
  }
}
