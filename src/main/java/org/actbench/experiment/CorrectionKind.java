package org.actbench.experiment;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.actbench.metrics.UnitNaturalGradient.Covariance;

/**
 * Whether each step's update is corrected by the bias-shift term of the unit natural gradient
 * ({@code metrics.BiasShiftCorrection}), and with which estimate of the incoming units' mean.
 */
public enum CorrectionKind implements SpecChoice {
  /** The plain gradient (the default). */
  OFF,
  /** One plain mean of the incoming units per layer: cheap. */
  SHARED,
  /** Each unit's δ²-weighted mean: one more weight-gradient pass per layer and step. */
  UNIT;

  /** Leaves {@code off} out of spec.json, so specs without a correction read as before. */
  static final class Off {
    @Override
    public boolean equals(Object value) {
      return value == null || value == OFF;
    }

    @Override
    public int hashCode() {
      return 0;
    }
  }

  @Override
  public String toString() {
    return id();
  }

  /** The estimate the correction uses; null when off. */
  public Covariance covariance() {
    return switch (this) {
      case OFF -> null;
      case SHARED -> Covariance.SHARED;
      case UNIT -> Covariance.UNIT;
    };
  }

  /**
   * @throws org.actbench.engine.InvalidField naming {@code correctBiasShift} and the choices
   */
  @JsonCreator
  public static CorrectionKind parse(String id) {
    return SpecChoice.parse(CorrectionKind.class, "correctBiasShift", id);
  }
}
