package org.actbench.engine.activation;

/** Bound kernels of an activation. */
record Pointwise(Kernels forwardKernels, Kernels backwardKernels) implements Activation.Bound {
  @Override
  public void forward() {
    forwardKernels.run();
  }

  @Override
  public void backward() {
    backwardKernels.run();
  }
}
