package org.actbench.experiment;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.actbench.engine.Init;
import org.actbench.engine.InvalidField;

/** The weight initialisation: the activation's default (auto: He, LeCun for SELU) or one named. */
public enum InitChoice implements SpecChoice {
  AUTO,
  HE,
  GLOROT,
  LECUN;

  /** The scheme named, or {@code auto}'s: the activation's default. */
  public Init or(Init auto) {
    return switch (this) {
      case AUTO -> auto;
      case HE -> Init.HE;
      case GLOROT -> Init.GLOROT;
      case LECUN -> Init.LECUN;
    };
  }

  /** The id, so that a spec's field reads the same in any message as in its file. */
  @Override
  public String toString() {
    return id();
  }

  /**
   * @throws InvalidField naming {@code init} and the choices
   */
  @JsonCreator
  public static InitChoice parse(String id) {
    return SpecChoice.parse(InitChoice.class, "init", id);
  }
}
