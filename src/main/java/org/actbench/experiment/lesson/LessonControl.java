package org.actbench.experiment.lesson;

import java.util.Arrays;
import java.util.Locale;

/** The window's controls a lesson step can hide or lock, by the ids a lesson file uses. */
public enum LessonControl {
  /** The run form on the left. */
  FORM("form"),
  /** The paper presets and the one-minute demo. */
  PRESETS("presets"),
  /** Pause, resume, step and stop. */
  RUN_BUTTONS("run-buttons"),
  /** The table of runs. */
  RUN_TABLE("run-table"),
  /** The chart tabs' layer and quantity choices. */
  CHART_CHOICES("chart-choices");

  private final String id;

  LessonControl(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  @com.fasterxml.jackson.annotation.JsonCreator
  public static LessonControl parse(String id) {
    for (LessonControl c : values()) {
      if (c.id.equals(id == null ? "" : id.toLowerCase(Locale.ROOT))) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "control must be one of "
            + Arrays.stream(values()).map(c -> c.id).toList()
            + ", got '"
            + id
            + "'");
  }
}
