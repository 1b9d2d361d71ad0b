package org.actbench.experiment.lesson;

import java.util.List;
import java.util.Set;
import org.actbench.engine.InvalidField;

/**
 * One step of a lesson.
 *
 * @param title a few words, shown as the step's heading
 * @param text what to tell the class (a short paragraph)
 * @param runs ids of the lesson's runs this step needs: queued when first needed, selected after
 * @param charts one or two charts to show (the presenter layout puts two side by side)
 * @param layer the unit-means or bias-shift layer to show ({@code network}, {@code act3}, {@code
 *     conv4}, ...), or none for the chart's default
 * @param quantity what the bias-shift chart plots: {@code rho}, {@code one-minus-rho}, {@code
 *     cosine}, {@code norm-ratio} or {@code mu-norm}
 * @param callout what to look at, or none
 * @param hide controls hidden during this step
 * @param lock controls shown but not usable during this step
 */
public record LessonStep(
    String title,
    String text,
    List<String> runs,
    List<LessonChart> charts,
    String layer,
    String quantity,
    Callout callout,
    List<LessonControl> hide,
    List<LessonControl> lock) {
  /** The bias-shift quantities a step can name. */
  public static final Set<String> QUANTITIES =
      Set.of("rho", "one-minus-rho", "cosine", "norm-ratio", "mu-norm");

  public LessonStep {
    InvalidField.check(title != null && !title.isBlank(), "title", "is needed");
    InvalidField.check(text != null && !text.isBlank(), "text", "is needed");
    runs = runs == null ? List.of() : List.copyOf(runs);
    charts =
        charts == null || charts.isEmpty()
            ? List.of(LessonChart.UNIT_MEANS, LessonChart.LOSS)
            : List.copyOf(charts);
    InvalidField.check(
        charts.size() <= 2, "charts", "shows one or two charts, got " + charts.size());
    InvalidField.check(
        quantity == null || QUANTITIES.contains(quantity),
        "quantity",
        "must be one of " + QUANTITIES + ", got '" + quantity + "'");
    InvalidField.check(
        callout == null || charts.contains(callout.chart()),
        "callout",
        "is on "
            + (callout == null ? "" : callout.chart().id())
            + ", which this step does not show "
            + charts.stream().map(LessonChart::id).toList());
    hide = hide == null ? List.of() : List.copyOf(hide);
    lock = lock == null ? List.of() : List.copyOf(lock);
  }
}
