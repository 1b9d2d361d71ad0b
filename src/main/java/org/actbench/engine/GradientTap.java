package org.actbench.engine;

/**
 * Sees each training step's parameter gradients before the optimiser's update reads them (weight
 * decay adds to them in place, a correction rewrites them): a measurement that reuses the step's
 * own gradients copies what it needs here, on the steps it measures.
 */
public interface GradientTap {
  GradientTap NONE =
      new GradientTap() {
        @Override
        public void plain() {}

        @Override
        public void taken() {}
      };

  /** After backward, before any {@link GradientCorrection}: the plain gradients. */
  void plain();

  /** After the correction, before the update: the gradients the update takes. */
  void taken();
}
