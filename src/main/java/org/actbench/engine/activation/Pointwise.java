package org.actbench.engine.activation;

/** Bound kernels of an activation. */
record Pointwise(Elementwise forwardOps, Elementwise backwardOps) implements Activation.Bound {
  @Override
  public void forward() {
    forwardOps.run();
  }

  @Override
  public void backward() {
    backwardOps.run();
  }
}
