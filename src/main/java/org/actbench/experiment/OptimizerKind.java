package org.actbench.experiment;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.actbench.engine.InvalidField;

/** The optimiser: SGD (with momentum), SGD with Nesterov momentum, or Adam. */
public enum OptimizerKind implements SpecChoice {
  SGD,
  NESTEROV,
  ADAM;

  /** The id, so that a spec's field reads the same in any message as in its file. */
  @Override
  public String toString() {
    return id();
  }

  /**
   * @throws InvalidField naming {@code optimizer} and the choices
   */
  @JsonCreator
  public static OptimizerKind parse(String id) {
    return SpecChoice.parse(OptimizerKind.class, "optimizer", id);
  }
}
