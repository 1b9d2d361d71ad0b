package org.actbench.engine.layer;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer wired to its two arrays and its two passes, so each layer writes only its maths.
 *
 * @param onForward runs forward; gets whether this is a training pass
 * @param onBackward runs backward
 */
record Wired(INDArray y, INDArray dLdy, Forward onForward, Runnable onBackward)
    implements Layer.Bound {

  /** The forward pass of a layer. */
  @FunctionalInterface
  interface Forward {
    void run(boolean training);
  }

  @Override
  public void forward(boolean training) {
    onForward.run(training);
  }

  @Override
  public void backward() {
    onBackward.run();
  }
}
