package org.actbench.experiment;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.actbench.data.Preprocessing;

/**
 * The input preprocessing a spec names: scaling to [0, 1], per-channel standardisation, or GCN +
 * ZCA whitening ({@link Preprocessing} does the work).
 */
public enum PreprocessingKind implements SpecChoice {
  SCALE,
  STANDARDIZE,
  GCN_ZCA;

  /** The id, so that a spec's field reads the same in any message as in its file. */
  @Override
  public String toString() {
    return id();
  }

  /** What fits and applies it. */
  public Preprocessing preprocessing() {
    return Preprocessing.parse(id());
  }

  /**
   * Also reads {@code standardise}, which older spec files may hold (the command line took both).
   *
   * @throws InvalidField naming {@code preprocessing} and the choices
   */
  @JsonCreator
  public static PreprocessingKind parse(String id) {
    return "standardise".equals(id)
        ? STANDARDIZE
        : SpecChoice.parse(PreprocessingKind.class, "preprocessing", id);
  }
}
