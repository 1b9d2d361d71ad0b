package org.actbench.experiment.lesson;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.actbench.engine.InvalidField;

/**
 * A guided lesson: its runs, and steps shown one at a time with Next and Back; the last ends with a
 * summary of what the class saw and where to read more.
 *
 * @param title what the lesson is about, shown above its text
 * @param runs the runs its steps queue, each with an id of its own
 * @param steps at least one; each names the runs it needs by id
 * @param summary one paragraph shown with the last step
 * @param readMore a document to read next (e.g. {@code docs/bias-shift.md}), shown as a link
 */
public record Lesson(
    String title, List<LessonRun> runs, List<LessonStep> steps, String summary, String readMore) {
  public Lesson {
    InvalidField.check(title != null && !title.isBlank(), "title", "is needed");
    runs = runs == null ? List.of() : List.copyOf(runs);
    InvalidField.check(steps != null && !steps.isEmpty(), "steps", "needs at least one step");
    steps = List.copyOf(steps);
    InvalidField.check(summary != null && !summary.isBlank(), "summary", "is needed");
    readMore = readMore == null ? "" : readMore;
    Set<String> ids = new HashSet<>();
    for (LessonRun r : runs) {
      InvalidField.check(ids.add(r.id()), "runs", "has the id '" + r.id() + "' twice");
    }
    for (LessonStep s : steps) {
      for (String id : s.runs()) {
        InvalidField.check(
            ids.contains(id),
            "runs",
            "of a step names '" + id + "', which is not one of the lesson's runs " + ids);
      }
    }
  }

  /** The run with this id. */
  public Optional<LessonRun> run(String id) {
    return runs.stream().filter(r -> r.id().equals(id)).findFirst();
  }
}
