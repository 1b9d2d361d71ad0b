package org.actbench.experiment.lesson;

import java.util.Arrays;
import java.util.Locale;

/** The charts a lesson step can show, by the ids a lesson file uses. */
public enum LessonChart {
  LOSS("loss"),
  ACCURACY("accuracy"),
  UNIT_MEANS("unit-means"),
  BIAS_SHIFT("bias-shift");

  private final String id;

  LessonChart(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  @com.fasterxml.jackson.annotation.JsonCreator
  public static LessonChart parse(String id) {
    for (LessonChart c : values()) {
      if (c.id.equals(id == null ? "" : id.toLowerCase(Locale.ROOT))) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "chart must be one of "
            + Arrays.stream(values()).map(c -> c.id).toList()
            + ", got '"
            + id
            + "'");
  }
}
