package org.actbench.experiment;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.actbench.engine.InvalidField;

/** The learning-rate schedule: constant, the paper's steps scaled to the run, or cosine. */
public enum ScheduleKind implements SpecChoice {
  CONSTANT,
  PAPER_STEPS,
  COSINE;

  /** The id, so that a spec's field reads the same in any message as in its file. */
  @Override
  public String toString() {
    return id();
  }

  /**
   * @throws InvalidField naming {@code schedule} and the choices
   */
  @JsonCreator
  public static ScheduleKind parse(String id) {
    return SpecChoice.parse(ScheduleKind.class, "schedule", id);
  }
}
